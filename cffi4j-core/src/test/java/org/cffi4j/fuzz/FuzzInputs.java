package org.cffi4j.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import org.cffi4j.CdefOptions;

/**
 * The fuzz inputs of one run: input {@code i} depends only on the run's seed and {@code i}, so any
 * failure can be replayed alone with {@code new FuzzInputs(seed).input(i)}.
 */
final class FuzzInputs {
    /** Which FFI an input is given to. */
    enum Target {
        /** A new, empty FFI. */
        FRESH,
        /** An FFI holding the "base declarations" seed, kept across inputs. */
        BASE,
        /** An FFI holding all of {@code <stdio.h>}, kept across inputs. */
        STDIO
    }

    /** One input: what to parse, where, with which options, and how it was made. */
    record Input(int index, Target target, CdefOptions options, String seedName, String text, List<String> mutations) {
        String describe() {
            return "input #" + index + " (" + target + " FFI, options " + options + ", seed '" + seedName
                    + "', mutations " + mutations + "): " + Abbreviation.quote(text, 600);
        }
    }

    private final long seed;
    private final List<CdefSeeds.Seed> corpus;
    private final CdefSeeds.Stdio stdio;
    private final Mutator mutator;
    private final Map<String, List<String>> lexemes = new ConcurrentHashMap<>();

    FuzzInputs(long seed) {
        this.seed = seed;
        this.corpus = CdefSeeds.corpus();
        this.stdio = CdefSeeds.stdio();
        this.mutator = new Mutator(corpus);
    }

    long seed() {
        return seed;
    }

    /** Whether the {@code <stdio.h>} inputs are part of the run (a C compiler was found). */
    boolean hasStdio() {
        return stdio.available();
    }

    /** Input number {@code index} of this run. */
    Input input(int index) {
        SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
        Target target = switch (index % 8) {
            case 4, 5 -> Target.BASE;
            case 6 -> stdio.available() ? Target.STDIO : Target.BASE;
            default -> Target.FRESH;
        };
        CdefSeeds.Seed s = target == Target.STDIO
                ? stdio.chunks().get(rnd.nextInt(stdio.chunks().size()))
                : corpus.get(rnd.nextInt(corpus.size()));
        List<String> base = lexemesOf(s);
        String name = s.name();
        if (index % 8 == 7) { // two seeds in one cdef: declarations that interact
            CdefSeeds.Seed other = corpus.get(rnd.nextInt(corpus.size()));
            base = new ArrayList<>(base);
            base.add("\n");
            base.addAll(lexemesOf(other));
            name += " + " + other.name();
        }
        List<String> log = new ArrayList<>();
        String text = mutator.mutate(base, rnd, log);
        return new Input(index, target, options(target, rnd), name, text, List.copyOf(log));
    }

    private static CdefOptions options(Target target, SplittableRandom rnd) {
        if (target != Target.FRESH) {
            return CdefOptions.defaults();
        }
        return switch (rnd.nextInt(16)) {
            case 0 -> CdefOptions.override();
            case 1 -> CdefOptions.packed();
            case 2 -> CdefOptions.pack(2);
            default -> CdefOptions.defaults();
        };
    }

    private List<String> lexemesOf(CdefSeeds.Seed s) {
        return lexemes.computeIfAbsent(s.name(), k -> Lexemes.split(s.text()));
    }
}

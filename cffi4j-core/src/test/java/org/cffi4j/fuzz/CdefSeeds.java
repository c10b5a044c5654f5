package org.cffi4j.fuzz;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.cffi4j.testing.GccProbe;

/**
 * The valid C that the fuzzer starts from: a hand-written corpus of varied declarations (one
 * snippet per {@code //// name} section of {@code cdef-seeds.h}), and, when a C compiler is
 * installed, chunks of the {@code cc -E} output of {@code <stdio.h>}.
 */
final class CdefSeeds {
    /** One seed: a name for messages and its C text. */
    record Seed(String name, String text) {}

    private static final List<Seed> CORPUS = loadCorpus();
    private static volatile Stdio stdio;

    private CdefSeeds() {}

    /** The hand-written snippets, in file order. */
    static List<Seed> corpus() {
        return CORPUS;
    }

    /** The corpus snippet of the given name. */
    static Seed named(String name) {
        return CORPUS.stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no seed named " + name));
    }

    /**
     * The preprocessed {@code <stdio.h>} and its chunks; empty if no C compiler could run, and then
     * {@code unavailable} says why (the tests that need it skip with that reason, never silently).
     */
    record Stdio(String text, List<Seed> chunks, String unavailable) {
        boolean available() {
            return !chunks.isEmpty();
        }
    }

    /** {@code <stdio.h>} as {@code cc -E} gives it, preprocessed once per test run. */
    static Stdio stdio() {
        Stdio s = stdio;
        if (s == null) {
            s = preprocessStdio();
            stdio = s;
        }
        return s;
    }

    private static List<Seed> loadCorpus() {
        String all;
        try (InputStream in = CdefSeeds.class.getResourceAsStream("cdef-seeds.h")) {
            if (in == null) {
                throw new IllegalStateException("cdef-seeds.h is missing from the test resources");
            }
            all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Seed> seeds = new ArrayList<>();
        for (String section : all.split("(?m)^//// ")) {
            if (!section.isBlank()) {
                int eol = section.indexOf('\n');
                seeds.add(new Seed(section.substring(0, eol).strip(), section.substring(eol + 1)));
            }
        }
        return List.copyOf(seeds);
    }

    private static Stdio preprocessStdio() {
        String text;
        try {
            text = GccProbe.preprocess("#include <stdio.h>\n");
        } catch (AssertionError | RuntimeException e) {
            // No C compiler here: the corpus alone is fuzzed, and the tests say so.
            return new Stdio("", List.of(), "<stdio.h> could not be preprocessed (is a C compiler installed?): " + e);
        }
        List<Seed> chunks = chunks(text, 1500);
        return new Stdio(text, chunks, chunks.isEmpty() ? "cc -E <stdio.h> gave no declarations" : null);
    }

    // Cuts the text after top-level ';' into pieces of about maxChars, so that each piece is a run
    // of whole declarations (a redeclaration once the whole header is declared).
    private static List<Seed> chunks(String text, int maxChars) {
        List<Seed> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{' || c == '(') {
                depth++;
            } else if (c == '}' || c == ')') {
                depth--;
            } else if (c == ';' && depth == 0 && i + 1 - start >= maxChars) {
                out.add(new Seed("stdio.h chunk " + out.size(), text.substring(start, i + 1)));
                start = i + 1;
            }
        }
        return List.copyOf(out);
    }
}

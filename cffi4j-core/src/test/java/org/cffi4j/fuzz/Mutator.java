package org.cffi4j.fuzz;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Mutates valid C into near-misses, reproducibly from a {@link SplittableRandom}: lexemes deleted,
 * duplicated, swapped with a neighbour, replaced by another lexeme of the corpus or spliced in from
 * another seed (token-level), then truncation, inserted garbage characters and deep nesting
 * (character-level). Each input gets one to four mutations; each is described in a log so that a
 * failure says what was done.
 */
final class Mutator {
    /** Characters and fragments that lexers and parsers trip over. */
    private static final List<String> GARBAGE = List.of(
            "\0",
            "\u00e9",
            "\u4e2d",
            "\ud83d\ude00",
            "\ud800",
            "\udfff",
            "\u00a0",
            "\u2028",
            "\ufeff",
            "'",
            "\"",
            "`",
            "@",
            "\\",
            "$",
            "/*",
            "*/",
            "//",
            "(",
            ")",
            "[",
            "]",
            "{",
            "}",
            "<",
            ">",
            ";",
            ",",
            ":",
            "?",
            "...",
            "##",
            "#",
            "\n#",
            "\n#define ",
            "\n#pragma pack(",
            "\n#include <x.h>\n",
            "\n# 99999999999 \"f.h\"\n",
            "\n# 2147483647 \"big.h\"\n\n\n",
            "\n# 1 \"\n",
            "\n#line\n",
            "\\\n",
            "\r",
            "\t",
            "\f",
            "\u000b",
            "L'",
            "u8\"",
            "U'\\U0010ffff'",
            "'\\u-123'",
            "\"\\u-1\"",
            "'\\x'",
            "'\\777'",
            "\"\\x110000\"",
            "0x",
            "0b",
            "1e+",
            "09",
            "0x1p",
            "1.2.3",
            "99999999999999999999999",
            "0xFFFFFFFFFFFFFFFFULL",
            "1ulu",
            "'ab'",
            "''",
            "\"\"",
            " sizeof ",
            " __attribute__((",
            " __asm__(",
            " _Static_assert(0, \"x\");",
            " typedef ",
            " struct ",
            " enum ",
            " union ",
            " ... ",
            " = ",
            " -1 ",
            " 1 / 0 ",
            " 1 << 64 ",
            " (void) ",
            " _Alignas(",
            " __builtin_offsetof(",
            " __typeof__(",
            " _Atomic(",
            " __declspec(",
            " static ",
            " inline ");

    /** Openers that nest (with the closers that balance them, if any). */
    private static final List<String[]> NESTERS = List.of(
            new String[] {"(", ")"},
            new String[] {"[", "]"},
            new String[] {"{", "}"},
            new String[] {"*", ""},
            new String[] {"- ", ""},
            new String[] {"!", ""},
            new String[] {"sizeof ", ""},
            new String[] {"__extension__ ", ""},
            new String[] {"__typeof__(", ")"},
            new String[] {"_Atomic(", ")"},
            new String[] {"struct a { ", "} b; "},
            new String[] {"(*", ")"},
            new String[] {"(int)", ""},
            new String[] {"enum : ", ""},
            new String[] {"1 ? ", " : 0"},
            new String[] {"[1]", ""},
            new String[] {"__attribute__((aligned(", ")))"},
            new String[] {"union { ", "}; "},
            new String[] {"void (*)(", ")"},
            new String[] {"_Alignas(int ", ")"});

    private static final int[] NEST_DEPTHS = {2, 3, 10, 50, 199, 200, 201, 400, 1_000, 5_000};

    private final List<String> pool;
    private final List<List<String>> corpusLexemes;

    /** A mutator drawing replacement lexemes and splices from the given seeds. */
    Mutator(List<CdefSeeds.Seed> corpus) {
        Set<String> lexemes = new LinkedHashSet<>();
        corpusLexemes = new ArrayList<>();
        for (CdefSeeds.Seed s : corpus) {
            List<String> l = Lexemes.split(s.text());
            corpusLexemes.add(l);
            for (String x : l) {
                if (!Lexemes.isBlank(x)) {
                    lexemes.add(x);
                }
            }
        }
        pool = List.copyOf(lexemes);
    }

    /** One to four mutations of {@code lexemes} (a seed's, left untouched), described in {@code log}. */
    String mutate(List<String> lexemes, SplittableRandom rnd, List<String> log) {
        int roll = rnd.nextInt(8);
        int count = roll < 4 ? 1 : roll < 6 ? 2 : roll < 7 ? 3 : 4;
        List<String> tokens = new ArrayList<>(lexemes);
        int charOps = 0;
        for (int i = 0; i < count; i++) {
            if (rnd.nextInt(3) == 0) {
                charOps++; // character-level: applied after the token-level ones
            } else {
                tokenOp(tokens, rnd, log);
            }
        }
        String text = String.join("", tokens);
        for (int i = 0; i < charOps; i++) {
            text = charOp(text, rnd, log);
        }
        return text;
    }

    private void tokenOp(List<String> tokens, SplittableRandom rnd, List<String> log) {
        int at = randomToken(tokens, rnd);
        if (at < 0) {
            return;
        }
        String t = tokens.get(at);
        switch (rnd.nextInt(5)) {
            case 0 -> {
                tokens.remove(at);
                log.add("delete '" + t + "' @" + at);
            }
            case 1 -> {
                tokens.add(at + 1, " " + t);
                log.add("duplicate '" + t + "' @" + at);
            }
            case 2 -> {
                int other = nextToken(tokens, at);
                if (other > 0) {
                    tokens.set(at, tokens.get(other));
                    tokens.set(other, t);
                    log.add("swap '" + t + "' @" + at + " with '" + tokens.get(at) + "'");
                }
            }
            case 3 -> {
                String r = pool.get(rnd.nextInt(pool.size()));
                tokens.set(at, r);
                log.add("replace '" + t + "' @" + at + " by '" + r + "'");
            }
            default -> {
                List<String> from = corpusLexemes.get(rnd.nextInt(corpusLexemes.size()));
                int start = rnd.nextInt(from.size());
                int end = Math.min(from.size(), start + 1 + rnd.nextInt(20));
                tokens.addAll(at, from.subList(start, end));
                log.add("splice " + (end - start) + " lexemes @" + at);
            }
        }
    }

    private static int randomToken(List<String> tokens, SplittableRandom rnd) {
        for (int tries = 0; tries < 20 && !tokens.isEmpty(); tries++) {
            int i = rnd.nextInt(tokens.size());
            if (!Lexemes.isBlank(tokens.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private static int nextToken(List<String> tokens, int from) {
        for (int i = from + 1; i < tokens.size(); i++) {
            if (!Lexemes.isBlank(tokens.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private static String charOp(String text, SplittableRandom rnd, List<String> log) {
        int at = rnd.nextInt(text.length() + 1);
        switch (rnd.nextInt(4)) {
            case 0 -> {
                log.add("truncate @" + at);
                return text.substring(0, at);
            }
            case 1 -> {
                String g = rnd.nextInt(4) == 0
                        ? String.valueOf((char) rnd.nextInt(0x10000))
                        : GARBAGE.get(rnd.nextInt(GARBAGE.size()));
                log.add("insert " + Abbreviation.quote(g, 40) + " @" + at);
                return text.substring(0, at) + g + text.substring(at);
            }
            default -> {
                String[] nest = NESTERS.get(rnd.nextInt(NESTERS.size()));
                int n = rnd.nextInt(200) == 0 ? 30_000 : NEST_DEPTHS[rnd.nextInt(NEST_DEPTHS.length)];
                boolean closed = rnd.nextBoolean();
                log.add("nest " + Abbreviation.quote(nest[0], 40) + " x" + n + (closed ? " balanced" : "") + " @" + at);
                String inner = nest[0].repeat(n) + (closed ? nest[1].repeat(n) : "");
                return text.substring(0, at) + inner + text.substring(at);
            }
        }
    }
}

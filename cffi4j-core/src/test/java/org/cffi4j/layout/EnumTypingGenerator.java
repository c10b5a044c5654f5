package org.cffi4j.layout;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random enums that probe gcc's typing of enum constants where it differs from plain {@code int}
 * arithmetic: values at the edges of {@code int}, {@code unsigned int}, {@code long} and {@code
 * unsigned long}, values beyond 64 bits ({@code __int128}), negative values mixed with ones above
 * {@code LLONG_MAX}, constants computed from earlier ones of the same enum (in the type those have
 * while the enum is being defined), implicit values that overflow their type, packed enums, and
 * values that are not integer constants. gcc decides what is valid and what each value, type and
 * size is; the expressions avoid only what gcc itself merely warns about but cdef refuses (shift
 * counts beyond the width) and division by zero.
 */
final class EnumTypingGenerator {
    private static final String[] EDGES = {
        "0",
        "1",
        "-1",
        "100",
        "0x7FFFFFFF",
        "2147483647",
        "0x80000000",
        "2147483648",
        "4294967295",
        "0xFFFFFFFFU",
        "4294967296",
        "0x100000000",
        "0x7FFFFFFFFFFFFFFF",
        "9223372036854775807",
        "0x8000000000000000",
        "18446744073709551615ULL",
        "0xFFFFFFFFFFFFFFFF",
        "(-2147483647 - 1)",
        "-2147483649LL",
        "(-9223372036854775807LL - 1)",
        "5U",
        "5L",
        "5UL",
        "-5LL",
        "'a'",
        "-0x80000000"
    };
    private static final String[] CASTS = {
        "short",
        "unsigned char",
        "int",
        "unsigned",
        "long",
        "unsigned long",
        "long long",
        "__int128",
        "unsigned __int128",
        "_Bool"
    };
    private static final String[] ON_PREVIOUS = {
        "(%s + 1)",
        "(%s - 1)",
        "(%s * 2)",
        "(%s << 1)",
        "(%s >> 1)",
        "(-%s)",
        "(~%s)",
        "(%s / 3)",
        "(%s + %s)",
        "((__int128)%s << 64)",
        "((unsigned __int128)%s << 63)",
        "sizeof(%s)",
        "(%s > 0)",
        "(%s * %s)",
        "(%s + 0x80000000)",
        "(%s - 0xFFFFFFFFFFFFFFFF)",
        "(%s %% 7)",
        "(%s & 0xFFFF)",
        "(%s ? %s : 2)"
    };

    private EnumTypingGenerator() {}

    /** One enum: its C text (one line) and its constants' names. */
    record GeneratedEnum(String tag, String text, List<String> constants) {}

    static GeneratedEnum generate(int index, SplittableRandom rnd) {
        String tag = "et" + index;
        List<String> names = new ArrayList<>();
        StringBuilder text = new StringBuilder("enum ");
        if (rnd.nextInt(5) == 0) {
            text.append("__attribute__((packed)) ");
        }
        text.append(tag).append(" {");
        int count = 1 + rnd.nextInt(5);
        for (int i = 0; i < count; i++) {
            String name = "K" + index + "_" + i;
            text.append(i == 0 ? " " : ", ").append(name);
            if (i == 0 || rnd.nextInt(4) != 0) {
                text.append(" = ").append(value(rnd, names));
            }
            names.add(name);
        }
        text.append(" };");
        return new GeneratedEnum(tag, text.toString(), List.copyOf(names));
    }

    private static String value(SplittableRandom rnd, List<String> previous) {
        int pick = rnd.nextInt(20);
        if (pick < 7 || pick < 13 && previous.isEmpty()) {
            return EDGES[rnd.nextInt(EDGES.length)];
        }
        if (pick < 13) {
            String p = previous.get(rnd.nextInt(previous.size()));
            String form = ON_PREVIOUS[rnd.nextInt(ON_PREVIOUS.length)];
            return form.replace("%s", p).replace("%%", "%");
        }
        if (pick < 16) {
            return "((" + CASTS[rnd.nextInt(CASTS.length)] + ")" + EDGES[rnd.nextInt(EDGES.length)] + ")";
        }
        if (pick < 19) {
            String one = rnd.nextBoolean() ? "(__int128)1" : "(unsigned __int128)1";
            String shifted = "(" + one + " << " + rnd.nextInt(60, 128) + ")";
            return rnd.nextBoolean() ? shifted : "(-" + shifted + (rnd.nextBoolean() ? " + 1)" : ")");
        }
        return rnd.nextBoolean() ? "1.5" : "(void *)0";
    }
}

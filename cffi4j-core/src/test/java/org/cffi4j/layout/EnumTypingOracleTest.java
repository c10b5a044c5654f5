package org.cffi4j.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cffi4j.CDefException;
import org.cffi4j.FFI;
import org.cffi4j.ctype.EnumType;
import org.cffi4j.layout.EnumTypingGenerator.GeneratedEnum;
import org.cffi4j.testing.GccProbe;
import org.junit.jupiter.api.Test;

/**
 * gcc as the oracle of enum constants ({@link EnumTypingGenerator}): gcc first says which enums it
 * rejects, and with which error; cdef must reject the same ones with the same words. For the others
 * a probe prints each enum's size and signedness, each constant's value, and the size and
 * signedness of each constant's type, which cdef must match. gcc makes an enum whose values need
 * exactly 128 bits an {@code __int128}: cdef refuses those, as it keeps constants in 64 bits.
 *
 * <p>{@code -Dcffi4j.enums.seed=S} and {@code -Dcffi4j.enums.count=N} change the sample.
 */
class EnumTypingOracleTest {
    private static final long SEED = Long.getLong("cffi4j.enums.seed", 0x5EED_E1L);
    private static final int COUNT = Integer.getInteger("cffi4j.enums.count", 400);
    private static final Pattern ERROR = Pattern.compile(".*check\\.c:(\\d+):\\d+: error: (.*)");

    @Test
    void cdefTypesEnumConstantsAsGccDoes() {
        SplittableRandom rnd = new SplittableRandom(SEED);
        List<GeneratedEnum> enums = new ArrayList<>();
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < COUNT; i++) {
            GeneratedEnum e = EnumTypingGenerator.generate(i, rnd);
            enums.add(e);
            all.append(e.text()).append('\n'); // enum i on line i + 1
        }
        Map<Integer, String> gccErrors = firstErrorPerLine(GccProbe.syntaxErrors(all.toString()));
        Map<String, Long> gcc = probe(enums, gccErrors);

        List<String> failures = new ArrayList<>();
        int rejected = 0;
        int wide = 0;
        for (int i = 0; i < enums.size(); i++) {
            GeneratedEnum e = enums.get(i);
            String error = gccErrors.get(i + 1);
            rejected += error != null ? 1 : 0;
            String problem;
            if (error != null) {
                problem = mustReject(e, error);
            } else if (gcc.get(e.tag() + " size") == 16) {
                wide++;
                problem = mustReject(e, "its values need a 128-bit integer type");
            } else {
                problem = compare(e, gcc);
            }
            if (problem != null) {
                failures.add(e.text() + "\n  " + problem);
            }
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " of " + COUNT + " enums disagree with gcc (seed " + SEED + "):\n"
                    + String.join("\n", failures.subList(0, Math.min(10, failures.size()))));
        }
        // The sample must exercise both sides.
        assertEquals(true, rejected > COUNT / 20 && rejected < COUNT / 2, "rejected: " + rejected);
        assertEquals(true, wide > 0, "no 128-bit enum in the sample");
    }

    private static Map<Integer, String> firstErrorPerLine(String diagnostics) {
        Map<Integer, String> errors = new HashMap<>();
        for (String line : diagnostics.split("\n")) {
            Matcher m = ERROR.matcher(line);
            if (m.matches()) {
                errors.putIfAbsent(
                        Integer.parseInt(m.group(1)),
                        m.group(2).replace('‘', '\'').replace('’', '\''));
            }
        }
        return errors;
    }

    // gcc's answers for the enums it accepts, keyed "<tag> size", "<tag> signed", "<K> value",
    // "<K> size", "<K> signed".
    private static Map<String, Long> probe(List<GeneratedEnum> enums, Map<Integer, String> rejected) {
        StringBuilder c = new StringBuilder("#include <stdio.h>\n");
        StringBuilder main = new StringBuilder("int main(void) {\n");
        for (int i = 0; i < enums.size(); i++) {
            if (rejected.containsKey(i + 1)) {
                continue;
            }
            GeneratedEnum e = enums.get(i);
            c.append(e.text()).append('\n');
            String t = "enum " + e.tag();
            main.append(line(e.tag() + " size", "sizeof(" + t + ")"))
                    .append(line(e.tag() + " signed", "(" + t + ") -1 < 0"));
            for (String k : e.constants()) {
                main.append(line(k + " value", k))
                        .append(line(k + " size", "sizeof(" + k + ")"))
                        .append(line(k + " signed", "0 * " + k + " - 1 < 0"));
            }
        }
        c.append(main).append("return 0;\n}\n");
        Map<String, Long> answers = new HashMap<>();
        for (String line : GccProbe.compileAndRun(c.toString()).split("\n")) {
            int eq = line.lastIndexOf('=');
            answers.put(line.substring(0, eq), Long.parseLong(line.substring(eq + 1)));
        }
        return answers;
    }

    private static String line(String key, String expression) {
        return "printf(\"" + key + "=%lld\\n\", (long long) (" + expression + "));\n";
    }

    private static String mustReject(GeneratedEnum e, String gccError) {
        try {
            new FFI().cdef(e.text());
            return "gcc rejects it (" + gccError + "), cdef accepts it";
        } catch (CDefException x) {
            String first = x.getMessage().lines().findFirst().orElse("");
            return first.contains(gccError) ? null : "gcc: " + gccError + "; cdef: " + first;
        }
    }

    private static String compare(GeneratedEnum e, Map<String, Long> gcc) {
        StringBuilder queries = new StringBuilder(e.text()).append('\n');
        for (String k : e.constants()) {
            queries.append("#define ")
                    .append(k)
                    .append("_size sizeof(")
                    .append(k)
                    .append(")\n");
            queries.append("#define ")
                    .append(k)
                    .append("_signed (0 * ")
                    .append(k)
                    .append(" - 1 < 0)\n");
        }
        FFI ffi = new FFI();
        try {
            ffi.cdef(queries.toString());
        } catch (CDefException x) {
            return "gcc accepts it, cdef: " + x.getMessage().lines().findFirst().orElse("");
        }
        List<String> diffs = new ArrayList<>();
        String t = "enum " + e.tag();
        check(diffs, t + " size", gcc.get(e.tag() + " size"), ffi.sizeof(t));
        check(
                diffs,
                t + " signed",
                gcc.get(e.tag() + " signed"),
                ((EnumType) ffi.typeOf(t)).underlying().signed() ? 1 : 0);
        for (String k : e.constants()) {
            check(diffs, k, gcc.get(k + " value"), ffi.integerConst(k));
            check(diffs, "sizeof(" + k + ")", gcc.get(k + " size"), ffi.integerConst(k + "_size"));
            check(diffs, "signedness of " + k, gcc.get(k + " signed"), ffi.integerConst(k + "_signed"));
        }
        return diffs.isEmpty() ? null : String.join("; ", diffs);
    }

    private static void check(List<String> diffs, String what, Long gcc, long cdef) {
        if (gcc == null || gcc != cdef) {
            diffs.add(what + ": gcc " + gcc + ", cdef " + cdef);
        }
    }
}

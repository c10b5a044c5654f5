package org.cffi4j.layout;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.cffi4j.FFI;
import org.cffi4j.ctype.ArrayType;
import org.cffi4j.ctype.CType;
import org.cffi4j.ctype.EnumType;
import org.cffi4j.ctype.Field;
import org.cffi4j.ctype.StructType;
import org.cffi4j.layout.DeclGenerator.GeneratedSet;
import org.cffi4j.layout.SetScope.Query;
import org.junit.jupiter.api.Test;

/**
 * gcc as the oracle of cdef: random declaration sets (structs, unions, bitfields, packing,
 * alignment, enums, macros) go both to gcc, whose probe prints every size, alignment, offset,
 * bitfield place and constant, and to {@code new FFI().cdef(text)}, which must give the same
 * answers. Sets are batched, many to a C file, to keep gcc runs few.
 *
 * <p>Reproducible: {@code -Dcffi4j.oracle.seed=S} picks the seed (default fixed), {@code
 * -Dcffi4j.oracle.sets=N} the number of sets, {@code -Dcffi4j.oracle.only=I} runs set I alone,
 * {@code -Dcffi4j.oracle.report=FILE} writes every failing set to FILE.
 */
class GccOracleTest {
    private static final long SEED = Long.getLong("cffi4j.oracle.seed", 0xC0FFEEL);
    private static final int SETS = Integer.getInteger("cffi4j.oracle.sets", 600);
    private static final int ONLY = Integer.getInteger("cffi4j.oracle.only", -1);
    private static final int BATCH = 100;
    private static final int SHOWN = 5;

    @Test
    void cdefAgreesWithGcc() throws IOException {
        List<String> failures = new ArrayList<>();
        for (int start = 0; start < SETS; start += BATCH) {
            List<GeneratedSet> batch = new ArrayList<>();
            for (int i = start; i < Math.min(SETS, start + BATCH); i++) {
                if (ONLY < 0 || ONLY == i) {
                    batch.add(DeclGenerator.generate(i, setSeed(i)));
                }
            }
            if (!batch.isEmpty()) {
                Map<String, String> gcc = OracleProbe.ask(batch);
                batch.forEach(set -> compare(set, gcc, failures));
            }
        }
        if (!failures.isEmpty()) {
            String report = System.getProperty("cffi4j.oracle.report");
            if (report != null) {
                Files.writeString(Path.of(report), String.join("\n", failures));
            }
            fail(failures.size() + " of " + (ONLY < 0 ? SETS : 1) + " declaration sets disagree with gcc (seed " + SEED
                    + "); the first ones:\n\n"
                    + String.join("\n", failures.subList(0, Math.min(SHOWN, failures.size()))));
        }
    }

    private static long setSeed(int index) {
        return new SplittableRandom(SEED + index * 0x9E3779B97F4A7C15L).nextLong();
    }

    private static void compare(GeneratedSet set, Map<String, String> gcc, List<String> failures) {
        List<String> diffs = differences(set, gcc);
        if (!diffs.isEmpty()) {
            failures.add("set " + set.index() + " (-Dcffi4j.oracle.seed=" + SEED + " -Dcffi4j.oracle.only="
                    + set.index() + "):\n" + set.text() + "differences:\n  "
                    + String.join("\n  ", diffs.subList(0, Math.min(20, diffs.size()))) + "\n");
        }
    }

    // Each question whose answer differs, as "<question>: gcc <value>, cdef <value>".
    private static List<String> differences(GeneratedSet set, Map<String, String> gcc) {
        FFI ffi = new FFI();
        try {
            ffi.cdef(set.text());
        } catch (RuntimeException e) {
            return List.of("cdef threw " + e);
        }
        List<String> diffs = new ArrayList<>();
        for (int q = 0; q < set.queries().size(); q++) {
            Query query = set.queries().get(q);
            String expected = gcc.get(set.index() + " " + q);
            String actual = answer(ffi, query);
            if (!actual.equals(expected)) {
                diffs.add(query + ": gcc " + expected + ", cdef " + actual);
            }
        }
        return diffs;
    }

    static String answer(FFI ffi, Query q) {
        try {
            return switch (q.kind()) {
                case "SIZE" -> Long.toString(ffi.sizeof(q.type()));
                case "ALIGN" -> Long.toString(ffi.alignof(q.type()));
                case "OFFSET" -> Long.toString(ffi.offsetof(q.type(), q.path().toArray(String[]::new)));
                case "CONST" -> Long.toString(ffi.integerConst(q.type()));
                case "SIGNED" -> ((EnumType) ffi.typeOf(q.type())).underlying().signed() ? "1" : "0";
                default -> bitfield(ffi.typeOf(q.type()), q.path());
            };
        } catch (RuntimeException e) {
            return "threw " + e;
        }
    }

    // "<lowest bit>:<width>" of the bitfield at the end of the path, as the probe prints it.
    private static String bitfield(CType type, List<String> path) {
        CType t = type;
        long position = 0;
        Field last = null;
        for (String segment : path) {
            if (Character.isDigit(segment.charAt(0))) {
                CType element = ((ArrayType) t).element();
                position += Long.parseLong(segment) * element.byteSize() * 8;
                t = element;
            } else {
                last = ((StructType) t).field(segment).orElseThrow(() -> new AssertionError("no member " + segment));
                position += last.bitPosition();
                t = last.type();
            }
        }
        return position + ":" + last.bitWidth();
    }
}

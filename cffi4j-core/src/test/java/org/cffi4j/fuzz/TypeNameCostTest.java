package org.cffi4j.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.cffi4j.FFI;
import org.junit.jupiter.api.Test;

/**
 * Parsing a type name ({@code ffi.typeOf}, {@code ffi.alloc} of a type spelled for the first time)
 * costs the same in an FFI of 16,000 declarations as in one of 1,000: it must not copy the
 * declarations. Measured as {@link CdefLinearityTest} measures, by the CPU time of the thread and
 * the fastest of several interleaved rounds; 16 times the declarations may take at most 3 times as
 * long (copying them would take about 16 times as long).
 */
class TypeNameCostTest {
    private static final double MAX_RATIO = 3.0;
    private static final int ROUNDS = 7;
    private static final int NAMES = 200;
    private static final ThreadCpuClock CPU = new ThreadCpuClock();
    private static int rounds; // every round asks for names never asked before: type names are cached

    @Test
    void aNewTypeNameCostsTheSameWhateverTheNumberOfDeclarations() {
        FFI small = declarations(1_000);
        FFI large = declarations(16_000);
        for (int i = 0; i < 3; i++) { // warm-up
            typeNames(small, "w" + i);
            typeNames(large, "w" + i);
        }
        double ratio = ratio(small, large);
        if (ratio > MAX_RATIO) {
            ratio = ratio(small, large); // one second chance for a noisy neighbour
        }
        assertTrue(
                ratio <= MAX_RATIO,
                "16x the declarations made new type names " + String.format("%.1f", ratio) + "x as slow");
    }

    private static double ratio(FFI small, FFI large) {
        long[] s = new long[ROUNDS];
        long[] l = new long[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            String round = "r" + rounds++;
            s[i] = typeNames(small, round);
            l[i] = typeNames(large, round);
        }
        return (double) Arrays.stream(l).min().orElseThrow()
                / Math.max(1, Arrays.stream(s).min().orElseThrow());
    }

    // CPU time of NAMES type names never asked before, half of them mentioning an undeclared tag.
    private static long typeNames(FFI ffi, String round) {
        long start = CPU.nanos();
        for (int i = 0; i < NAMES; i++) {
            ffi.typeOf(
                    i % 2 == 0
                            ? "struct undeclared_" + round + "_" + i + " *"
                            : "t7 *[" + (i + 1) + "] /* " + round + " */");
        }
        return CPU.nanos() - start;
    }

    private static FFI declarations(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append("typedef int t")
                    .append(i)
                    .append("; int f")
                    .append(i)
                    .append("(t")
                    .append(i)
                    .append(");\n");
        }
        FFI ffi = new FFI();
        ffi.cdef(sb.toString());
        return ffi;
    }
}

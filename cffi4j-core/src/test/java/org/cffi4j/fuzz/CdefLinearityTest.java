package org.cffi4j.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.cffi4j.CDefException;
import org.cffi4j.FFI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * cdef's time is linear in its input: four times the input takes about four times as long, not
 * sixteen (quadratic) or worse, whichever construct is repeated.
 *
 * <p>Timing on a shared CI machine is noisy, so the test is built not to flake: it measures the
 * CPU time of the parsing thread, not the wall-clock time (other processes on the machine, and
 * the GC threads, then do not count); each size is parsed after a warm-up, seven times,
 * interleaved, and the fastest runs are compared (interference only ever adds time, so the minimum
 * is steadier than the median); the bound is 8x, halfway between linear (4x) and quadratic (16x)
 * on a log scale; and a ratio over the bound is measured once more before the test fails.
 */
class CdefLinearityTest {
    private static final double MAX_RATIO = 8.0;
    private static final int ROUNDS = 7;
    private static final ThreadCpuClock CPU = new ThreadCpuClock();

    /**
     * An input family; {@code n} is the small size, chosen so that it parses in a few milliseconds;
     * {@code valid} says whether cdef must accept it (a test of speed that let an error through
     * would measure how fast cdef gives up).
     */
    record Shape(String name, int n, IntFunction<String> source, boolean valid) {
        Shape(String name, int n, IntFunction<String> source) {
            this(name, n, source, true);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Shape> shapes() {
        return Stream.of(
                new Shape("declaration blocks with distinct names", 50, n -> repeat(n, CdefLinearityTest::block)),
                new Shape(
                        "members of one struct",
                        1_000,
                        n -> "struct big { " + repeat(n, i -> "int m" + i + "; ") + "};"),
                new Shape(
                        "enumerators using the previous one",
                        4_000,
                        n -> "enum e { E0 = 0, " + repeat(n, i -> "E" + (i + 1) + " = E" + i + " + 1, ") + "};"),
                new Shape("terms of one #define", 3_000, n -> "#define X 0" + " + (1 << 2)".repeat(n) + "\n"),
                new Shape(
                        "parameters of one function",
                        4_000,
                        n -> "int f(" + repeat(n, i -> "int p" + i + ", ") + "int last);"),
                new Shape(
                        "tokens of a static inline body",
                        3_000,
                        n -> "static inline int f(int x) { " + "x = (x + 1) * 2; ".repeat(n) + "return x; }"),
                new Shape(
                        "line markers", 1_500, n -> repeat(n, i -> "# " + i + " \"h" + i + ".h\"\nint v" + i + ";\n")),
                new Shape(
                        "redeclarations of one prototype",
                        600,
                        n -> "int proto(const char *, struct s *(*)(int, long[4]), ...);\n".repeat(n)),
                new Shape(
                        "typedef chain (deep types)",
                        1_000,
                        n -> "typedef int *t0;\n" + repeat(n, i -> "typedef t" + i + " *t" + (i + 1) + ";\n")),
                new Shape(
                        "C99 array parameters sized by earlier parameters",
                        1_000,
                        n -> repeat(n, i -> "int f" + i + "(unsigned long n, int p[restrict n], char q[*]);\n")),
                new Shape(
                        "declarations before an error at the end",
                        50,
                        n -> repeat(n, CdefLinearityTest::block) + "int int;\n",
                        false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void fourTimesTheInputTakesAtMostEightTimesAsLong(Shape shape) {
        String small = shape.source().apply(shape.n());
        String large = shape.source().apply(4 * shape.n());
        assertValidity(shape, small);
        assertValidity(shape, large);
        for (int i = 0; i < 2; i++) { // warm-up: compiles the parser's hot paths
            parse(large);
            parse(small);
        }
        double ratio = ratio(small, large);
        if (ratio > MAX_RATIO) {
            ratio = ratio(small, large); // a noisy neighbour gets one second chance; quadratic code does not
        }
        assertTrue(
                ratio <= MAX_RATIO,
                shape + ": 4x the input (" + large.length() + " chars) took " + String.format("%.1f", ratio)
                        + "x the time of " + small.length() + " chars");
    }

    private static double ratio(String small, String large) {
        long[] s = new long[ROUNDS];
        long[] l = new long[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            s[i] = parse(small);
            l[i] = parse(large);
        }
        return (double) Arrays.stream(l).min().orElseThrow()
                / Math.max(1, Arrays.stream(s).min().orElseThrow());
    }

    // Each input is valid C (cdef accepts it) except the one built to fail at its end.
    private static void assertValidity(Shape shape, String source) {
        try {
            new FFI().cdef(source);
            assertTrue(shape.valid(), shape + ": cdef accepted an input built to fail");
        } catch (CDefException e) {
            assertTrue(!shape.valid() && e.getMessage().contains("int int;"), shape + ": " + e.getMessage());
        }
    }

    private static long parse(String source) {
        long start = CPU.nanos();
        try {
            new FFI().cdef(source);
        } catch (CDefException checkedByAssertValidity) {
            // the error shape fails by design: its cost is measured all the same
        }
        return CPU.nanos() - start;
    }

    private static String repeat(int n, IntFunction<String> item) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(item.apply(i));
        }
        return sb.toString();
    }

    // A block of everyday declarations; names carry the block's index so that none is redeclared.
    private static String block(int i) {
        return """
                struct rec%1$d { unsigned flags : 3, kind : 5; int (*cb)(struct rec%1$d *, void *); char name[16]; };
                typedef struct rec%1$d rec%1$d_t;
                union val%1$d { int i; double d; rec%1$d_t *r; };
                enum kind%1$d { K%1$d_A = %1$d, K%1$d_B = K%1$d_A * 2 + 1, K%1$d_C = sizeof(rec%1$d_t) };
                #define LIMIT%1$d (K%1$d_B << 2)
                extern int api%1$d(const rec%1$d_t *r, unsigned long n, ...) __attribute__((nonnull(1)));
                static inline int helper%1$d(int x) { return x * LIMIT%1$d; }
                """.formatted(i);
    }
}

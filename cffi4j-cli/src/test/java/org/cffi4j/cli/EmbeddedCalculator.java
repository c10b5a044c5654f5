package org.cffi4j.cli;

/**
 * The Java side of the embedded library {@link EmbedTest} builds: each public static method is a
 * C function of the library's cdef.
 */
public final class EmbeddedCalculator {
    // Held by the JVM the library started: a C program calling next() sees it count across calls.
    private static int calls;

    private EmbeddedCalculator() {}

    /** {@code int add(int a, int b)}. */
    public static int add(int a, int b) {
        return a + b;
    }

    /** {@code double mean(double a, double b)}. */
    public static double mean(double a, double b) {
        return (a + b) / 2;
    }

    /** {@code long length(const char *s)}: the library decodes the C string from UTF-8. */
    public static long length(String s) {
        return s == null ? -1 : s.codePointCount(0, s.length());
    }

    /** {@code int32_t next(void)}: 1, 2, 3, ... */
    public static int next() {
        return ++calls;
    }
}

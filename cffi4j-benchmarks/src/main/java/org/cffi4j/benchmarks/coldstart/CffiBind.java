package org.cffi4j.benchmarks.coldstart;

import org.cffi4j.CData;
import org.cffi4j.FFI;
import org.cffi4j.Library;

/**
 * Cold start through cffi4j's {@code bind}: cdef of the library's declarations, dlopen, a typed
 * interface over all of its functions (linked when bound), one call.
 */
public final class CffiBind {
    /** The benchmark library as a typed interface. */
    public interface Bench {
        /** {@code void noop(void)}. */
        void noop();

        /** {@code int add_ints(int a, int b)}. */
        int add_ints(int a, int b);

        /** {@code double add_doubles(double a, double b)}. */
        double add_doubles(double a, double b);

        /** {@code int sum_point(struct point p)}. */
        int sum_point(CData p);

        /** {@code size_t my_strlen(const char *s)}. */
        long my_strlen(String s);
    }

    private CffiBind() {}

    /** Declares, loads and binds the library at {@code args[0]}, calls {@code add_ints(20, 22)} and prints the result. */
    public static void main(String[] args) {
        FFI ffi = new FFI();
        ffi.cdef(CffiCall.CDEF);
        Library lib = ffi.dlopen(args[0]);
        Bench bench = lib.bind(Bench.class);
        int r = bench.add_ints(20, 22);
        if (r != 42) {
            System.err.println("add_ints(20, 22) returned " + r);
            System.exit(1);
        }
        System.out.println(r);
    }
}

package org.cffi4j.benchmarks.coldstart;

import jnr.ffi.LibraryLoader;
import jnr.ffi.types.size_t;

/** Cold start through JNR-FFI: {@code LibraryLoader} of an interface, one call. */
public final class Jnr {
    /** The benchmark library for JNR-FFI (no {@code sum_point}: JNR-FFI passes every struct by pointer). */
    public interface Bench {
        /** {@code void noop(void)}. */
        void noop();

        /** {@code int add_ints(int a, int b)}. */
        int add_ints(int a, int b);

        /** {@code double add_doubles(double a, double b)}. */
        double add_doubles(double a, double b);

        /** {@code size_t my_strlen(const char *s)}. */
        @size_t
        long my_strlen(String s);
    }

    private Jnr() {}

    /** Loads the library at {@code args[0]}, calls {@code add_ints(20, 22)} and prints the result. */
    public static void main(String[] args) {
        Bench bench = LibraryLoader.create(Bench.class).load(args[0]);
        int r = bench.add_ints(20, 22);
        if (r != 42) {
            System.err.println("add_ints(20, 22) returned " + r);
            System.exit(1);
        }
        System.out.println(r);
    }
}

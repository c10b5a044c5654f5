package org.cffi4j.benchmarks.coldstart;

import com.sun.jna.Library;
import com.sun.jna.Native;

/** Cold start through JNA's interface mapping: {@code Native.load} of an interface, one call. */
public final class JnaInterface {
    /** The benchmark library for JNA's interface mapping. */
    public interface Bench extends Library {
        /** {@code void noop(void)}. */
        void noop();

        /** {@code int add_ints(int a, int b)}. */
        int add_ints(int a, int b);

        /** {@code double add_doubles(double a, double b)}. */
        double add_doubles(double a, double b);

        /** {@code int sum_point(struct point p)}. */
        int sum_point(JnaPoint.ByValue p);

        /** {@code size_t my_strlen(const char *s)}. */
        long my_strlen(String s);
    }

    private JnaInterface() {}

    /** Loads the library at {@code args[0]}, calls {@code add_ints(20, 22)} and prints the result. */
    public static void main(String[] args) {
        Bench bench = Native.load(args[0], Bench.class);
        int r = bench.add_ints(20, 22);
        if (r != 42) {
            System.err.println("add_ints(20, 22) returned " + r);
            System.exit(1);
        }
        System.out.println(r);
    }
}

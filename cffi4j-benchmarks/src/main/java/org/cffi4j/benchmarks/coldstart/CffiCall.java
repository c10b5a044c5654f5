package org.cffi4j.benchmarks.coldstart;

import org.cffi4j.FFI;
import org.cffi4j.Library;

/** Cold start through cffi4j's {@code call}: cdef of the library's declarations, dlopen, one call by name. */
public final class CffiCall {
    /** The benchmark library's declarations, as its header would give them. */
    static final String CDEF = """
            struct point { int x; int y; };
            void noop(void);
            int add_ints(int a, int b);
            double add_doubles(double a, double b);
            int sum_point(struct point p);
            size_t my_strlen(const char *s);
            """;

    private CffiCall() {}

    /** Declares and loads the library at {@code args[0]}, calls {@code add_ints(20, 22)} and prints the result. */
    public static void main(String[] args) {
        FFI ffi = new FFI();
        ffi.cdef(CDEF);
        Library lib = ffi.dlopen(args[0]);
        Object r = lib.call("add_ints", 20, 22);
        if (!Integer.valueOf(42).equals(r)) {
            System.err.println("add_ints(20, 22) returned " + r);
            System.exit(1);
        }
        System.out.println(r);
    }
}

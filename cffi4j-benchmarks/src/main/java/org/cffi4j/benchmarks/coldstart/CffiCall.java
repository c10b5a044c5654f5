package org.cffi4j.benchmarks.coldstart;

import org.cffi4j.FFI;
import org.cffi4j.Library;

/** Cold start through cffi4j's {@code call}: cdef of the library's declarations, dlopen, one call by name. */
public final class CffiCall {
    // A compile-time constant: javac copies the text here, so this main never loads CallBenchmark.
    static final String CDEF = org.cffi4j.benchmarks.CallBenchmark.CDEF;

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

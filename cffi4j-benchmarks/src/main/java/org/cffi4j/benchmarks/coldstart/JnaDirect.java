package org.cffi4j.benchmarks.coldstart;

import com.sun.jna.Native;

/**
 * Cold start through JNA's direct mapping: {@code Native.register} of this class's native methods
 * (all bound at registration), one call.
 */
public final class JnaDirect {
    private JnaDirect() {}

    static native void noop();

    static native int add_ints(int a, int b);

    static native double add_doubles(double a, double b);

    static native int sum_point(JnaPoint.ByValue p);

    static native long my_strlen(String s);

    /** Registers the library at {@code args[0]}, calls {@code add_ints(20, 22)} and prints the result. */
    public static void main(String[] args) {
        Native.register(JnaDirect.class, args[0]);
        int r = add_ints(20, 22);
        if (r != 42) {
            System.err.println("add_ints(20, 22) returned " + r);
            System.exit(1);
        }
        System.out.println(r);
    }
}

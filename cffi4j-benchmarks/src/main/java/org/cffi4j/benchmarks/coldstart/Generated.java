package org.cffi4j.benchmarks.coldstart;

import org.cffi4j.benchmarks.generated.BenchLib;

/**
 * Cold start through a binding generated at build time: no cdef parsed, the library opened when
 * the class initialises and one handle made on the first call of {@code add_ints}.
 */
public final class Generated {
    private Generated() {}

    /** Points the binding at the library at {@code args[0]}, calls {@code add_ints(20, 22)} and prints it. */
    public static void main(String[] args) {
        System.setProperty(BenchLib.class.getName() + ".library", args[0]);
        int r = BenchLib.add_ints(20, 22);
        if (r != 42) {
            System.err.println("add_ints(20, 22) returned " + r);
            System.exit(1);
        }
        System.out.println(r);
    }
}

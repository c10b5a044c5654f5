package org.cffi4j.misuse;

import org.cffi4j.FFI;
import org.cffi4j.Library;

/**
 * The forked JVM of the misuse suite: runs the cases of one group, each on a fresh {@link Fixture},
 * and prints what each threw, then proves the JVM still works with one more C call. A crash stops
 * the output, which the test sees as a missing line and a bad exit code.
 *
 * <p>Output, one line each: {@code CASE name}, then {@code THROWN class message} or {@code RETURNED
 * normally}, then {@code JVM-ALIVE name}; after the last case, a GC and {@code GROUP-DONE}.
 */
public final class MisuseMain {
    private MisuseMain() {}

    /** Runs the cases of the group named by the first argument. */
    public static void main(String[] args) throws InterruptedException {
        String group = args[0];
        FFI aliveFfi = new FFI();
        aliveFfi.cdef("size_t strlen(const char *s);");
        Library alive = aliveFfi.dlopen(null);
        for (MisuseCase c : MisuseCases.ALL) {
            if (c.group().equals(group)) {
                run(c, alive);
            }
        }
        System.gc(); // let the cleaner free what the cases released or dropped: a double free would crash here
        Thread.sleep(100);
        check(alive);
        System.out.println("GROUP-DONE");
    }

    private static void run(MisuseCase c, Library alive) {
        System.out.println("CASE " + c.name());
        try {
            c.snippet().run(new Fixture());
            System.out.println("RETURNED normally");
        } catch (Throwable t) {
            String message = Protocol.escape(String.valueOf(t.getMessage()));
            System.out.println("THROWN " + t.getClass().getName() + " " + message);
        }
        check(alive);
        System.out.println("JVM-ALIVE " + c.name());
        System.out.flush();
    }

    private static void check(Library alive) {
        long n = (Long) alive.call("strlen", "JVM-ALIVE");
        if (n != 9) {
            throw new AssertionError("strlen(\"JVM-ALIVE\") = " + n);
        }
    }
}

package org.cffi4j.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.lang.ref.WeakReference;
import org.cffi4j.CData;
import org.cffi4j.FFI;
import org.cffi4j.Library;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A cdata written inline as an argument ({@code lib.call("qsort", ffi.alloc(...), n, 4L,
 * ffi.callback(...))}) is referenced only by the call's argument array; it must stay reachable
 * until C returns, or the garbage collector frees its memory (or its upcall stub) while C still uses
 * it, which a callback that allocates makes likely. Checked once the call path is JIT-compiled,
 * where a local variable no longer used stops being a GC root.
 */
class ArgumentLifetimeTest {
    private static FFI ffi;
    private static Library lib;

    /** {@code int *(*)(int *, int, int)}. */
    @FunctionalInterface
    public interface Finder {
        CData find(CData items, int n, int wanted);
    }

    /** The C function as a typed binding (cdata in, cdata out: the typed path of {@code bind}). */
    public interface Lib {
        CData apply_find(CData f, CData items, int n, int wanted);
    }

    /** Watches the one argument of the measured call from inside its callback. */
    static final class Probe {
        volatile boolean armed;
        volatile WeakReference<CData> watched;
        volatile boolean collectedDuringTheCall;

        CData watch(CData c) {
            watched = new WeakReference<>(c);
            return c;
        }

        void check() {
            for (int i = 0; i < 5 && !collectedDuringTheCall; i++) {
                System.gc();
                collectedDuringTheCall = watched.get() == null;
            }
        }
    }

    @BeforeAll
    static void load() {
        ffi = new FFI();
        ffi.cdef("int *apply_find(int *(*f)(int *, int, int), int *items, int n, int wanted);");
        lib = ffi.dlopen(TestLibraries.library("signatures").toString());
    }

    private static CData finder(Probe probe) {
        return ffi.callback("int *(*)(int *, int, int)", (Finder) (items, n, wanted) -> {
            if (probe.armed) {
                probe.check();
            }
            return items;
        });
    }

    @Test
    void anInlineArgumentOfLibraryCallStaysReachableUntilCReturns() {
        Probe probe = new Probe();
        CData find = finder(probe);
        CData warm = ffi.alloc("int[1]");
        for (int i = 0; i < 30_000; i++) { // let the JIT compile the call path
            lib.call("apply_find", find, warm, 1, 0);
        }
        probe.armed = true;

        // No local variable holds the array: only the call's arguments do.
        CData result = (CData) lib.call("apply_find", find, probe.watch(ffi.alloc("int[]", new int[] {5, 6})), 2, 0);

        assertFalse(probe.collectedDuringTheCall, "the argument was garbage collected while C was running");
        assertEquals(5, ffi.cast("int *", result).deref());
    }

    @Test
    void anInlineArgumentOfATypedBindingStaysReachableUntilCReturns() {
        Probe probe = new Probe();
        CData find = finder(probe);
        Lib bound = lib.bind(Lib.class);
        CData warm = ffi.alloc("int[1]");
        for (int i = 0; i < 30_000; i++) {
            bound.apply_find(find, warm, 1, 0);
        }
        probe.armed = true;

        CData result = bound.apply_find(find, probe.watch(ffi.alloc("int[]", new int[] {7, 8})), 2, 0);

        assertFalse(probe.collectedDuringTheCall, "the argument was garbage collected while C was running");
        assertEquals(7, ffi.cast("int *", result).deref());
    }
}

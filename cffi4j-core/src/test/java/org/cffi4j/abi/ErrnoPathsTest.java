package org.cffi4j.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.cffi4j.CFunction;
import org.cffi4j.FFI;
import org.cffi4j.Library;
import org.cffi4j.callbacks.TestLibraries;
import org.junit.jupiter.api.Test;

/**
 * errno as CFFI has it, on every way of calling C: the value of {@code ffi.setErrno} is what the
 * next C call of the thread sees in errno (also when it is the function's first call, which links
 * it), and {@code ffi.errno()} is what the last C call of the thread left, each thread its own. The
 * C side ({@code src/test/c/stress.c}) reads and sets errno itself.
 *
 * <p>What the next call sees is set in Java right before the call; a thread stopped by the JVM in
 * between (a safepoint) may find errno changed (see SEMANTICS.md). That happens about once in a
 * million calls under load, so the threads below check what C leaves in errno, which the linker
 * captures atomically, and only the single-threaded test checks what C sees.
 */
class ErrnoPathsTest {
    private static final String CDEF = """
            int get_errno(void);
            void set_errno(int value);
            int get_errno_variadic(int n, ...);
            """;

    /** The functions as a typed binding. */
    public interface Errnos {
        int get_errno();

        void set_errno(int value);
    }

    private static Library load(FFI ffi) {
        ffi.cdef(CDEF);
        return ffi.dlopen(TestLibraries.library("stress").toString());
    }

    // Each way of calling get_errno, on a fresh FFI and library: the call is the function's first.
    private static final List<Function<Library, Object>> FIRST_CALLS = List.of(
            lib -> lib.call("get_errno"),
            lib -> lib.function("get_errno").invoke(),
            lib -> lib.bind(Errnos.class).get_errno(),
            lib -> lib.call("get_errno_variadic", 1, 2L, "three"),
            lib -> lib.addressOf("get_errno").call(),
            lib -> {
                FFI other = new FFI();
                return other.cast("int(*)(void)", lib.addressOf("get_errno").address())
                        .call();
            });

    @Test
    void setErrnoReachesTheFirstCallOfAFunctionOnEveryPath() {
        for (int way = 0; way < FIRST_CALLS.size(); way++) {
            FFI ffi = new FFI();
            Library lib = load(ffi);
            ffi.setErrno(1000 + way);
            assertEquals(1000 + way, FIRST_CALLS.get(way).apply(lib), "way " + way);
            assertEquals(1000 + way, ffi.errno(), "way " + way + ": the call left errno alone");
            for (int i = 0; i < 3; i++) { // the later calls: with cffi4j.spliceAfter=1, the spliced path
                ffi.setErrno(i);
                assertEquals(i, FIRST_CALLS.get(way).apply(lib), "way " + way + ", call " + i);
            }
            lib.close();
        }
    }

    @Test
    void eachThreadHasItsOwnErrnoThroughCallAndInvoke() throws InterruptedException {
        eachThreadHasItsOwnErrno(Thread.ofPlatform(), 2);
    }

    // Virtual threads move between carriers, and errno's address with them: each call asks for it.
    @Test
    void eachVirtualThreadHasItsOwnErrnoThroughCallAndInvoke() throws InterruptedException {
        eachThreadHasItsOwnErrno(Thread.ofVirtual(), 16);
    }

    private static void eachThreadHasItsOwnErrno(Thread.Builder builder, int count) throws InterruptedException {
        FFI ffi = new FFI();
        Library lib = load(ffi);
        CFunction set = lib.function("set_errno");
        List<String> mismatches = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < count; t++) {
            int base = (t + 1) * 100_000;
            threads.add(builder.start(() -> {
                for (int i = 0; i < 20_000; i++) {
                    int mine = base + i;
                    lib.call("set_errno", mine); // C sets it: captured for this thread
                    check(mismatches, "call set_errno", mine, ffi.errno());
                    set.invoke(mine + 1);
                    check(mismatches, "invoke set_errno", mine + 1, ffi.errno());
                    ffi.setErrno(mine + 2); // Java sets it, for this thread only
                    check(mismatches, "ffi.setErrno", mine + 2, ffi.errno());
                    if (i % 64 == 0) {
                        Thread.yield(); // a virtual thread may come back on another carrier
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(List.of(), mismatches, "calls that saw another thread's errno, or lost this one's");
    }

    private static void check(List<String> mismatches, String what, int expected, int got) {
        if (got != expected) {
            mismatches.add(what + ": " + got + " instead of " + expected);
        }
    }
}

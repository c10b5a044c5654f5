package org.cffi4j.apimode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicReference;
import org.cffi4j.FFI;
import org.cffi4j.Library;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Globals in API mode are reached through the address the module's C computes, so thread-local
 * globals and macro-defined ones (errno) work, per calling thread.
 */
class GlobalsTest {
    @BeforeAll
    static void cache() {
        TestCache.install();
    }

    @Test
    void threadLocalGlobalsArePerThread() throws Exception {
        FFI ffi = new FFI();
        ffi.cdef("extern __thread int tl_counter; int bump(void);");
        ffi.setSource("_thread_locals", "__thread int tl_counter = 5;\nint bump(void) { return ++tl_counter; }");
        Library lib = ffi.compile();

        assertEquals(5, lib.get("tl_counter"));
        assertEquals(6, lib.call("bump"));
        assertEquals(6, lib.get("tl_counter"));
        lib.set("tl_counter", 40);
        assertEquals(41, lib.call("bump"));

        AtomicReference<Object> other = new AtomicReference<>();
        Thread t = new Thread(() -> other.set(lib.get("tl_counter")));
        t.start();
        t.join();
        assertEquals(5, other.get()); // a new thread has its own copy, still at its initial value
    }

    @Test
    void errnoIsAGlobalOfTheModule() {
        FFI ffi = new FFI();
        ffi.cdef("extern int errno; int set_errno(int);");
        ffi.setSource("_errno_global", "#include <errno.h>\nint set_errno(int v) { errno = v; return v; }");
        Library lib = ffi.compile();

        lib.set("errno", 0);
        lib.call("set_errno", 13);
        assertEquals(13, ffi.errno()); // captured after the call
    }
}

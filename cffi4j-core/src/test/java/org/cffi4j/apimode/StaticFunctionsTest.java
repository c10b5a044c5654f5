package org.cffi4j.apimode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.cffi4j.CData;
import org.cffi4j.FFI;
import org.cffi4j.Library;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code static} functions of the module's source whose types are {@code typedef int...} and
 * {@code typedef float...} types: Java calls them through their wrappers with the types the
 * compiler resolved, and {@code lib.addressOf} gives their address (which C then calls).
 */
class StaticFunctionsTest {
    private static FFI ffi;
    private static Library lib;

    @BeforeAll
    static void compile() {
        TestCache.install();
        ffi = new FFI();
        ffi.cdef("""
                typedef int... count_t;
                typedef float... real_t;
                count_t twice(count_t n);
                real_t half(real_t x);
                int apply(count_t (*f)(count_t), count_t n);
                """);
        ffi.setSource("_static_functions", """
                typedef short count_t;
                typedef double real_t;
                static count_t twice(count_t n) { return 2 * n; }
                static real_t half(real_t x) { return x / 2; }
                static int apply(count_t (*f)(count_t), count_t n) { return f(n) + 1; }
                """);
        lib = ffi.compile();
    }

    @Test
    void theyAreCalledWithTheResolvedTypes() {
        assertEquals((short) 42, lib.call("twice", 21));
        assertEquals(1.25, lib.call("half", 2.5));
        assertEquals(2L, ffi.sizeof("count_t"));
    }

    @Test
    void theirAddressIsTheFunctionCCalls() {
        CData twice = lib.addressOf("twice");
        assertNotEquals(0L, twice.address());
        assertEquals(43, lib.call("apply", twice, 21));
    }
}

package org.cffi4j.apimode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cffi4j.CData;
import org.cffi4j.FFI;
import org.cffi4j.FFIException;
import org.cffi4j.Library;
import org.cffi4j.SourceOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What FFM cannot call directly and API mode calls through C wrappers: {@code long double}
 * functions (converted to and from double in C), function-like macros of the system headers and of
 * the tests' own header, and {@code static inline} header functions, declared in the cdef as
 * prototypes or with their bodies. Also {@code typedef int... time_t} with a partial {@code struct tm}.
 */
class WrappedFunctionsTest {
    private static final String CDEF = """
            long double expl(long double x);
            long double frexpl(long double x, int *exp);
            long double ldexpl(long double x, int exp);
            int WEXITSTATUS(int status);
            int WIFEXITED(int status);
            int SQUARE(int x);
            #define DEMO_LIMIT ...
            int demo_twice(int x);
            static inline int demo_thrice(int x) { return 3 * x; }
            typedef int... time_t;
            struct tm { int tm_year; int tm_yday; int tm_mday; ...; };
            struct tm *gmtime_r(const time_t *timep, struct tm *result);
            time_t timegm(struct tm *tm);
            """;

    // The cdef's static inline function must exist in C too: the source defines it.
    private static final String SOURCE = """
            #define _GNU_SOURCE
            #include <math.h>
            #include <sys/wait.h>
            #include <time.h>
            #include "apimode_demo.h"
            static inline int demo_thrice(int x) { return 3 * x; }
            """;

    private static FFI ffi;
    private static Library lib;

    @BeforeAll
    static void compile() {
        TestCache.install();
        ffi = new FFI();
        ffi.cdef(CDEF);
        ffi.setSource("_wrapped_test", SOURCE, SourceOptions.libraries("m").withIncludeDirs(TestHeaders.directory()));
        lib = ffi.compile();
    }

    @Test
    void longDoubleFunctionsAreCalledWithDoubles() {
        assertEquals(Math.E, (Double) lib.call("expl", 1.0), 1e-15);
        assertEquals(Math.exp(-2.5), (Double) lib.call("expl", -2.5), 1e-15);
        assertEquals(48.0, lib.call("ldexpl", 0.75, 6));
    }

    @Test
    void frexplWritesItsIntOutParameter() {
        CData exponent = ffi.alloc("int *");

        assertEquals(0.5, lib.call("frexpl", 8.0, exponent));
        assertEquals(4, exponent.deref());
        assertEquals(-0.75, lib.call("frexpl", -6.0, exponent));
        assertEquals(3, exponent.deref());
    }

    @Test
    void systemHeaderMacrosDeclaredAsFunctions() {
        // The wait status of exit(3): the exit code in the second byte.
        assertEquals(3, lib.call("WEXITSTATUS", 0x0300));
        assertTrue((Integer) lib.call("WIFEXITED", 0x0300) != 0);
        assertEquals(0, lib.call("WIFEXITED", 0x0009)); // killed by signal 9
    }

    @Test
    void aMacroOfTheTestsOwnHeader() {
        assertEquals(49, lib.call("SQUARE", 7));
        assertEquals(4096, lib.get("DEMO_LIMIT"));
    }

    @Test
    void staticInlineHeaderFunctions() {
        assertEquals(42, lib.call("demo_twice", 21));
        assertEquals(63, lib.call("demo_thrice", 21));
    }

    @Test
    void aStaticInlineFunctionHasNoSymbolForAbiMode() {
        FFI abi = new FFI();
        abi.cdef("static inline int demo_thrice(int x) { return 3 * x; }");
        FFIException e = assertThrows(FFIException.class, () -> abi.dlopen(null).call("demo_thrice", 1));
        assertTrue(e.getMessage().contains("API mode"), e.getMessage());
    }

    @Test
    void timeTAndAPartialStructTm() {
        assertEquals(8, ffi.sizeof("time_t"));
        CData t = ffi.alloc("time_t *", 86_400L * 365 + 86_400L * 40); // 1971-02-10
        CData tm = ffi.alloc("struct tm *");

        assertEquals(tm, lib.call("gmtime_r", t, tm));

        assertEquals(71, tm.get("tm_year"));
        assertEquals(40, tm.get("tm_yday"));
        assertEquals(10, tm.get("tm_mday"));
        assertEquals(t.deref(), lib.call("timegm", tm));
    }
}

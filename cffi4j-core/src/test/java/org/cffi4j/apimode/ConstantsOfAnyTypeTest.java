package org.cffi4j.apimode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.cffi4j.CData;
import org.cffi4j.FFI;
import org.cffi4j.FFIException;
import org.cffi4j.Library;
import org.cffi4j.SourceOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * CFFI's constants of any type in API mode: {@code static const T NAME;} in the cdef is whatever
 * the source makes {@code NAME} (a variable, a macro, an expression computed by a call when the
 * module loads), converted to {@code T}: a double, a {@code char *const}, a struct, an integer
 * computed by a call.
 */
class ConstantsOfAnyTypeTest {
    private static final String SOURCE = """
            #include <math.h>
            #include <stdlib.h>
            struct point { int x, y; };
            static const double PI = 3.14159;
            #define ROOT2 (sqrt(2.0))
            #define GREETING "hello"
            static const struct point ORIGIN = { 3, 4 };
            #define COMPUTED (abs(-7) * 6)
            #define HALF 1.5
            """;

    private static FFI ffi;
    private static Library lib;

    @BeforeAll
    static void compile() {
        TestCache.install();
        ffi = new FFI();
        ffi.cdef("""
                struct point { int x, y; };
                static const double PI;
                static const double ROOT2;
                static char *const GREETING;
                static const struct point ORIGIN;
                static const int COMPUTED;
                static const float HALF;
                """);
        ffi.setSource("_constants_of_any_type", SOURCE, SourceOptions.libraries("m"));
        lib = ffi.compile();
    }

    @Test
    void floatingConstantsAreTheSourcesValues() {
        assertEquals(3.14159, lib.get("PI"));
        assertEquals(Math.sqrt(2.0), lib.get("ROOT2")); // computed by a call when the module loads
        assertEquals(1.5f, lib.get("HALF"));
    }

    @Test
    void aConstPointerAndAStructConstant() {
        assertEquals("hello", ffi.string((CData) lib.get("GREETING")));
        CData origin = (CData) lib.get("ORIGIN");
        assertEquals(3, origin.get("x"));
        assertEquals(4, origin.get("y"));
    }

    @Test
    void anIntegerConstantComputedByACall() {
        assertEquals(42, lib.get("COMPUTED"));
        assertEquals(42L, ffi.integerConst("COMPUTED"));
    }

    @Test
    void aConstantHasNoAddress() {
        assertEquals(
                "'PI' is declared 'static const': a constant, which has no address in API mode; read its value with"
                        + " lib.get(\"PI\")",
                assertThrows(FFIException.class, () -> lib.addressOf("PI")).getMessage());
    }
}

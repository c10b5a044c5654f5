package org.cffi4j.apimode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cffi4j.CData;
import org.cffi4j.FFI;
import org.cffi4j.FFIException;
import org.cffi4j.Library;
import org.cffi4j.SourceOptions;
import org.cffi4j.ctype.PrimitiveType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The other declarations whose details the compiler supplies, from the tests' own header: enum
 * constants declared {@code = ...}, {@code typedef float... t}, a {@code static const} without
 * value, a global array of length {@code [...]}, and an opaque {@code typedef ... t}. Enum values the
 * cdef does give are checked like struct layouts.
 */
class OpenDeclarationsTest {
    private static final String SOURCE = """
            #include "apimode_demo.h"
            int demo_table[7] = { 1, 2, 3, 4, 5, 6, 7 };
            typedef struct { int secret; } demo_opaque_t;
            static demo_opaque_t the_opaque = { 42 };
            demo_opaque_t *demo_opaque(void) { return &the_opaque; }
            int demo_secret(demo_opaque_t *o) { return o->secret; }
            """;

    private static FFI ffi;
    private static Library lib;

    @BeforeAll
    static void compile() {
        TestCache.install();
        ffi = new FFI();
        ffi.cdef("""
                enum demo_color { DEMO_GREEN = ..., DEMO_RED = ... };
                typedef float... demo_real_t;
                static const int DEMO_STATIC;
                int demo_table[...];
                typedef ... demo_opaque_t;
                demo_opaque_t *demo_opaque(void);
                int demo_secret(demo_opaque_t *o);
                """);
        ffi.setSource("_open_declarations", SOURCE, SourceOptions.none().withIncludeDirs(TestHeaders.directory()));
        lib = ffi.compile();
    }

    @Test
    void enumConstantsDeclaredWithDots() {
        assertEquals(9L, ffi.integerConst("DEMO_GREEN"));
        assertEquals(5, lib.get("DEMO_RED"));
    }

    @Test
    void aFloatDotsTypeIsTheRealFloatingType() {
        PrimitiveType real = (PrimitiveType) ffi.typeOf("demo_real_t");
        assertEquals(PrimitiveType.Kind.FLOATING, real.kind());
        assertEquals(8, real.size());
    }

    @Test
    void aStaticConstWithoutValue() {
        assertEquals(77, lib.get("DEMO_STATIC"));
    }

    @Test
    void aGlobalArrayOfDotsLength() {
        CData table = (CData) lib.get("demo_table");
        assertEquals(7, table.length());
        assertEquals(28L, ffi.sizeof(table));
        assertEquals(7, table.get(6));
    }

    @Test
    void anOpaqueTypeThroughPointers() {
        assertEquals(42, lib.call("demo_secret", lib.call("demo_opaque")));
    }

    @Test
    void enumValuesGivenInTheCdefAreChecked() {
        FFI wrong = new FFI();
        wrong.cdef("enum demo_color { DEMO_BLUE, DEMO_RED, DEMO_GREEN };"); // 0, 1, 2: the header says 3, 5, 9
        wrong.setSource(
                "_wrong_enum",
                "#include \"apimode_demo.h\"",
                SourceOptions.none().withIncludeDirs(TestHeaders.directory()));

        FFIException e = assertThrows(FFIException.class, wrong::compile);

        assertTrue(e.getMessage().contains("'DEMO_BLUE' is 0 in the cdef but 3 in the C source"), e.getMessage());
    }
}

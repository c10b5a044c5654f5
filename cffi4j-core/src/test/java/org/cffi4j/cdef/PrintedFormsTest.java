package org.cffi4j.cdef;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.cffi4j.FFI;
import org.junit.jupiter.api.Test;

/**
 * The printed forms where C has a convention (docs/SEMANTICS.md, "Printed forms"): a NULL pointer
 * is {@code NULL}, an enum value shows its constant's name, pointers to pointers print as C writes
 * them.
 */
class PrintedFormsTest {
    private final FFI ffi = new FFI();

    PrintedFormsTest() {
        ffi.cdef("enum color { RED, GREEN = 5 }; struct s { int *p; };");
    }

    @Test
    void aNullPointerPrintsAsNull() {
        assertEquals("<cdata 'int *' NULL>", ffi.cast("int *", 0).toString());
        assertEquals("<cdata 'void *' NULL>", FFI.NULL.toString());
        assertEquals("<cdata 'int *' NULL>", ffi.alloc("struct s *").get("p").toString());
        assertEquals("<cdata 'int *' 0x10>", ffi.cast("int *", 16).toString());
    }

    @Test
    void anEnumValuePrintsWithItsName() {
        assertEquals("<cdata 'enum color' 5: GREEN>", ffi.cast("enum color", 5).toString());
        assertEquals("<cdata 'enum color' 0: RED>", ffi.cast("enum color", 0).toString());
        assertEquals("<cdata 'enum color' 7>", ffi.cast("enum color", 7).toString());
    }

    @Test
    void typesPrintAsCWritesThem() {
        assertEquals("int **", ffi.typeOf("int**").toString());
        assertEquals("const char *const *", ffi.typeOf("char const * const *").toString());
        assertEquals("int(*)[5]", ffi.typeOf("int (*)[5]").toString());
        assertEquals("void(*)(int)", ffi.typeOf("void (*)(int)").toString());
    }
}

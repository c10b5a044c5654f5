package org.cffi4j.cdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.cffi4j.CData;
import org.cffi4j.FFI;
import org.cffi4j.FFIException;
import org.cffi4j.Library;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Enum cdata where C takes an enum: stored into an enum (or integer) member and passed as an
 * argument, with C's value; an opaque {@code enum foo;} as a pointee; a constant's name cast to
 * its enum, as CFFI does.
 */
class EnumValuesTest {
    private static FFI ffi;
    private static Library libc;

    @BeforeAll
    static void declare() {
        ffi = new FFI();
        ffi.cdef("""
                enum color { RED, GREEN = 7, BLUE };
                enum sign { MINUS = -1, PLUS = 1 };
                struct paint { enum color c; unsigned char level; };
                enum opaque;
                struct holder { enum opaque *p; };
                int abs(int j);
                """);
        libc = ffi.dlopen(null);
    }

    @Test
    void anEnumCdataIsStoredAsItsValue() {
        CData p = ffi.alloc("struct paint *");
        p.set("c", ffi.cast("enum color", 8));
        p.set("level", ffi.cast("enum color", "GREEN"));
        assertEquals(8L, p.get("c")); // gcc makes enum color an unsigned int
        assertEquals(7, p.get("level"));
        CData colors = ffi.alloc("enum color[]", new Object[] {ffi.cast("enum color", "BLUE"), "GREEN"});
        assertEquals(8L, colors.get(0));
        assertEquals(7L, colors.get(1));
    }

    @Test
    void anEnumCdataIsPassedAsItsValue() {
        assertEquals(8, libc.call("abs", ffi.cast("enum sign", -8)));
    }

    @Test
    void itsRangeIsStillChecked() {
        assertEquals(
                "integer 300 does not fit in 'unsigned char' (member 'level' of 'struct paint'): the range is"
                        + " 0..255",
                assertThrows(
                                FFIException.class,
                                () -> ffi.alloc("struct paint *").set("level", ffi.cast("int", 300)))
                        .getMessage());
    }

    @Test
    void aNameCastToItsEnum() {
        assertEquals(
                "<cdata 'enum color' 7: GREEN>", ffi.cast("enum color", "GREEN").toString());
        assertEquals(
                "'PINK' is not a constant of 'enum color' (cast)",
                assertThrows(FFIException.class, () -> ffi.cast("enum color", "PINK"))
                        .getMessage());
    }

    @Test
    void anOpaqueEnumIsAPointee() {
        CData h = ffi.alloc("struct holder *");
        assertEquals("enum opaque *", ((CData) h.get("p")).ctype().toString());
        assertEquals(8L, ffi.sizeof("enum opaque *"));
        CData p = ffi.cast("enum opaque *", ffi.alloc("int[1]"));
        h.set("p", p);
        assertEquals(p.address(), ((CData) h.get("p")).address());
    }
}

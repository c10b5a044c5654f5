package org.cffi4j.cdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.cffi4j.CData;
import org.cffi4j.FFI;
import org.cffi4j.FFIException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The number out of a cdata, as CFFI's {@code int(x)} and {@code float(x)}: {@link CData#longValue()}
 * and {@link CData#doubleValue()}. The values are those C's conversions give, checked by gcc.
 */
class NumberValuesTest {
    private static FFI ffi;

    @BeforeAll
    static void declare() {
        ffi = new FFI();
        ffi.cdef("enum color { RED, GREEN = 7, BLUE };");
    }

    @Test
    void numbersCharactersEnumsAndBools() {
        String c = org.cffi4j.testing.GccProbe.compileAndRun("""
                #include <stdio.h>
                int main(void) {
                    printf("%lld %lld %lld %lld %.17g\\n", (long long) (short) 70000, (long long) (double) -2.7,
                           (long long) (unsigned long long) -1, (long long) (_Bool) 5,
                           (double) (unsigned long long) -1);
                    return 0;
                }
                """).trim();
        String[] gcc = c.split(" ");
        assertEquals(Long.parseLong(gcc[0]), ffi.cast("short", 70000).longValue());
        assertEquals(Long.parseLong(gcc[1]), ffi.cast("double", -2.7).longValue());
        assertEquals(Long.parseLong(gcc[2]), ffi.cast("unsigned long long", -1).longValue());
        assertEquals(Long.parseLong(gcc[3]), ffi.cast("_Bool", 5).longValue());
        assertEquals(
                Double.parseDouble(gcc[4]), ffi.cast("unsigned long long", -1).doubleValue());
        assertEquals(65, ffi.cast("char", 'A').longValue());
        assertEquals(8, ffi.cast("enum color", "BLUE").longValue());
        assertEquals(2.5, ffi.cast("float", 2.5).doubleValue());
        assertEquals(-3.0, ffi.cast("int", -3).doubleValue());
    }

    @Test
    void aPointersLongValueIsItsAddress() {
        CData block = ffi.alloc("int[4]");
        assertEquals(block.address(), ffi.cast("int *", block).longValue());
        assertEquals(0, FFI.NULL.longValue());
    }

    @Test
    void whatHasNoNumberSaysSo() {
        assertEquals(
                "'int[4]' is not a number or a pointer, so it has no long value",
                assertThrows(FFIException.class, () -> ffi.alloc("int[4]").longValue())
                        .getMessage());
        assertEquals(
                "'int *' is not a number, so it has no double value (its address is longValue())",
                assertThrows(FFIException.class, () -> ffi.cast("int *", 8).doubleValue())
                        .getMessage());
        assertEquals(
                "the value 1.0E30 of 'double' does not fit in a long",
                assertThrows(FFIException.class, () -> ffi.cast("double", 1e30).longValue())
                        .getMessage());
    }
}

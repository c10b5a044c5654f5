package org.cffi4j.cdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.cffi4j.FFI;
import org.cffi4j.FFIException;
import org.cffi4j.Library;
import org.cffi4j.testing.GccProbe;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A Java List where C takes a pointer: a temporary array of the pointed-to type for the call,
 * filled as {@code ffi.alloc("T[]", list)} would be (numbers, or initialisers of structs), through
 * {@code Library.call}, {@code CFunction.invoke} and bound interfaces. libc is the oracle.
 */
class ListArgumentsTest {
    private static FFI ffi;
    private static Library libc;

    /** A binding whose parameter is an Object: any value of the conversion table. */
    public interface Wide {
        long wcslen(Object s);
    }

    @BeforeAll
    static void load() {
        ffi = new FFI();
        ffi.cdef(GccProbe.preprocess("#include <time.h>\n#include <wchar.h>\n#include <string.h>"));
        libc = ffi.dlopen(null);
    }

    @Test
    void aListOfNumbers() {
        assertEquals(2L, libc.call("strlen", List.of((byte) 'h', (byte) 'i', 0)));
        assertEquals(3L, libc.function("wcslen").invoke(List.of(0xe9, 0x1F600, 'x', 0)));
        assertEquals(1L, libc.bind(Wide.class).wcslen(List.of(65, 0, 66, 0)));
    }

    @Test
    void aListOfStructInitialisers() {
        // timegm(&(struct tm){ .tm_year = 100, .tm_mday = 1 }): 2000-01-01 00:00 UTC
        assertEquals(946684800L, libc.call("timegm", List.of(Map.of("tm_year", 100, "tm_mday", 1))));
    }

    @Test
    void aListWithoutAnItemType() {
        assertEquals(
                "cannot convert a java.util.List to 'void *' (argument 1 of 'memset'): the items of a List need a"
                        + " complete pointed-to type, and 'void' is not one",
                assertThrows(FFIException.class, () -> libc.call("memset", List.of(1, 2), 0, 2L))
                        .getMessage());
        assertEquals(
                "integer 300 does not fit in 'char' (item 1 of argument 1 of 'strlen'): the range is -128..127",
                assertThrows(FFIException.class, () -> libc.call("strlen", List.of(1, 300, 0)))
                        .getMessage());
    }
}

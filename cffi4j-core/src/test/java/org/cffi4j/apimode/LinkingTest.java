package org.cffi4j.apimode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.cffi4j.CData;
import org.cffi4j.FFI;
import org.cffi4j.Library;
import org.cffi4j.SourceOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A module's C code may reference nothing of a library whose functions or globals Java calls
 * (variadic functions get no wrapper, globals no code): the module must still depend on it, or
 * Java would not find them through the module.
 */
class LinkingTest {
    @BeforeAll
    static void cache() {
        TestCache.install();
    }

    @Test
    void aCdefOfOnlyAVariadicFunction() {
        FFI ffi = new FFI();
        ffi.cdef("int snprintf(char *buf, size_t size, const char *format, ...);");
        ffi.setSource("_only_variadic", "#include <stdio.h>");
        Library lib = ffi.compile();
        CData buf = ffi.alloc("char[32]");

        assertEquals(7, lib.call("snprintf", buf, 32L, "%d-%s", 42, "abcd"));

        assertEquals("42-abcd", ffi.string(buf));
    }

    @Test
    void aCdefOfOnlyAGlobalOfTheLibrary() {
        FFI ffi = new FFI();
        ffi.cdef("extern char *tzname[...];");
        ffi.setSource("_only_global", "#include <time.h>", SourceOptions.none());
        Library lib = ffi.compile();

        CData tzname = (CData) lib.get("tzname");

        assertEquals(2, tzname.length());
        assertFalse(((CData) tzname.get(0)).isNull());
    }
}

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
 * Wide strings from and to Java Strings: {@code wchar_t[]} (4 bytes on Linux: UTF-32),
 * {@code char16_t[]} (UTF-16) and {@code char32_t[]} (UTF-32), with libc's {@code wcslen} and
 * {@code wcscmp} as the oracle for what C sees, and gcc's bytes of the same literals.
 */
class WideStringsTest {
    private static final String TEXT = "h\u00e9llo \uD83D\uDE00"; // "héllo 😀": a character outside the BMP
    private static FFI ffi;
    private static Library libc;
    private static String[] gcc;

    @BeforeAll
    static void load() {
        ffi = new FFI();
        ffi.cdef("""
                size_t wcslen(const wchar_t *s);
                int wcscmp(const wchar_t *a, const wchar_t *b);
                """);
        libc = ffi.dlopen(null);
        gcc = CBytes.of("""
                #include <uchar.h>
                wchar_t w[] = L"h\\u00e9llo \\U0001F600";
                char16_t u16[] = u"h\\u00e9llo \\U0001F600";
                char32_t u32[] = U"h\\u00e9llo \\U0001F600";
                """, "w:sizeof w", "u16:sizeof u16", "u32:sizeof u32");
    }

    @Test
    void aWideArrayFromAStringHasTheBytesOfCsLiteral() {
        CData w = ffi.alloc("wchar_t[]", TEXT);
        assertEquals("wchar_t[8]", w.ctype().toString());
        assertEquals(gcc[0], CBytes.hex(ffi.buffer(w)));
        CData u16 = ffi.alloc("char16_t[]", TEXT);
        assertEquals("char16_t[9]", u16.ctype().toString()); // the emoji takes two UTF-16 units
        assertEquals(gcc[1], CBytes.hex(ffi.buffer(u16)));
        assertEquals(gcc[2], CBytes.hex(ffi.buffer(ffi.alloc("char32_t[]", TEXT))));
    }

    @Test
    void cSeesTheWideString() {
        CData w = ffi.alloc("wchar_t[]", TEXT);
        assertEquals(7L, libc.call("wcslen", w));
        assertEquals(0, libc.call("wcscmp", w, TEXT)); // a String argument for a const wchar_t *
        assertEquals(7L, libc.call("wcslen", TEXT));
    }

    @Test
    void ffiStringReadsThemBack() {
        assertEquals(TEXT, ffi.string(ffi.alloc("wchar_t[]", TEXT)));
        assertEquals(TEXT, ffi.string(ffi.alloc("char16_t[]", TEXT)));
        assertEquals(TEXT, ffi.string(ffi.alloc("char32_t[]", TEXT)));
        assertEquals("h\u00e9l", ffi.string(ffi.cast("wchar_t *", ffi.alloc("wchar_t[]", TEXT)), 3));
    }

    @Test
    void aSingleCharacterIsAOneCharacterString() {
        assertEquals("\u00e9", ffi.string(ffi.cast("wchar_t", 0xe9)));
        assertEquals("\uD83D\uDE00", ffi.string(ffi.cast("char32_t", 0x1F600)));
        assertEquals("A", ffi.string(ffi.cast("char", 65)));
        assertEquals(0xe9, ffi.cast("wchar_t", "\u00e9").longValue());
        CData w = ffi.alloc("wchar_t[2]");
        w.set(0, "\u00e9");
        assertEquals(0xe9, w.get(0));
    }

    @Test
    void aStringTooLongForTheArray() {
        assertEquals(
                "too many initialisers for 'char16_t[2]': 3 given, room for 2 (the initialiser of 'char16_t[2]')",
                assertThrows(FFIException.class, () -> ffi.alloc("char16_t[2]", "abc"))
                        .getMessage());
    }
}

package org.cffi4j.apimode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.cffi4j.CDefException;
import org.cffi4j.CompilationException;
import org.cffi4j.FFI;
import org.cffi4j.FFIException;
import org.cffi4j.Library;
import org.cffi4j.ctype.EnumType;
import org.cffi4j.ctype.StructType;
import org.cffi4j.testing.GccProbe;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the cdef leaves open is resolved only to what it stands for, as in CFFI: {@code typedef
 * float... t} is float or double (not an integer type, not long double), {@code typedef int... t}
 * an integer type; {@code long double...} and bitfields in a struct with {@code ...} are refused
 * by cdef. An enum with {@code ...} takes the size the compiler gives it (a value may need a
 * long). A compile that fails leaves the partial structs partial, so that a later compile
 * completes them.
 */
class ResolutionErrorsTest {
    @BeforeAll
    static void cache() {
        TestCache.install();
    }

    private static Library compile(String module, String cdef, String source) {
        FFI ffi = new FFI();
        ffi.cdef(cdef);
        ffi.setSource(module, source);
        return ffi.compile();
    }

    @Test
    void floatDotsResolvedToAnIntegerTypeIsAnError() {
        FFIException e = assertThrows(
                FFIException.class,
                () -> compile("_float_dots_int", "typedef double... real_t;", "typedef int real_t;"));
        assertEquals(
                "'real_t' is declared 'typedef float... real_t' (float or double) in the cdef, but the C source makes"
                        + " it an integer type",
                e.getMessage());
    }

    @Test
    void floatDotsResolvedToLongDoubleIsAnError() {
        FFIException e = assertThrows(
                FFIException.class,
                () -> compile("_float_dots_long_double", "typedef float... real_t;", "typedef long double real_t;"));
        assertEquals(
                "'real_t' is declared 'typedef float... real_t' (float or double) in the cdef, but the C source makes"
                        + " it a 16-byte floating type (long double?), which 'typedef float...' does not cover (as in"
                        + " CFFI): declare it with its type, e.g. 'typedef long double real_t;'",
                e.getMessage());
    }

    @Test
    void intDotsResolvedToAFloatingTypeIsAnError() {
        CompilationException e = assertThrows(
                CompilationException.class,
                () -> compile("_int_dots_double", "typedef int... count_t;", "typedef double count_t;"));
        assertEquals(
                "API mode: the C compiler rejected module '_int_dots_double':\n"
                        + "cdef:1:16: 'count_t' is declared 'typedef int... count_t' (some integer type) in the cdef,"
                        + " but the C source does not make it an integer type:\n"
                        + "    invalid operands to binary | (have 'double' and 'int')\n"
                        + "(the compiler's full output is in CompilationException.compilerOutput())",
                e.getMessage());
    }

    @Test
    void longDoubleDotsIsRefusedByCdef() {
        CDefException e = assertThrows(CDefException.class, () -> new FFI().cdef("typedef long double... wide_t;"));
        assertEquals(
                "cdef:1:20: 'typedef long double... wide_t;' is not allowed: 'typedef float...' stands for float or"
                        + " double, and 'long double' cannot be left open (as in CFFI); declare the type itself (in"
                        + " declaration of 'wide_t')\n"
                        + "    typedef long double... wide_t;\n"
                        + "                       ^",
                e.getMessage());
    }

    @Test
    void bitfieldsInAStructWithDotsAreRefusedByCdef() {
        CDefException e =
                assertThrows(CDefException.class, () -> new FFI().cdef("struct flags { int a : 3; int b; ...; };"));
        assertEquals(
                "cdef:1:1: 'struct flags' has both bitfields ('a') and members only API mode can place ('...'): API"
                        + " mode cannot place the bitfields of a partial struct; declare the struct fully (in"
                        + " declaration of 'struct flags')\n"
                        + "    struct flags { int a : 3; int b; ...; };\n"
                        + "    ^",
                e.getMessage());
    }

    @Test
    void anEnumWhoseValuesNeedALongHasTheCompilersSize() {
        FFI ffi = new FFI();
        ffi.cdef("enum big { SMALL = ..., LARGE = ..., ... };");
        String source = "enum big { SMALL = 1, LARGE = 0x100000000, OTHER = 2 };";
        ffi.setSource("_enum_needs_long", source);
        Library lib = ffi.compile();

        String gcc = GccProbe.compileAndRun("#include <stdio.h>\n" + source
                + "int main(void) { printf(\"%d %d\\n\", (int) sizeof(enum big), ((enum big) -1) < 0); return 0; }");
        assertEquals("8 0", gcc.strip()); // 8 bytes, unsigned
        assertEquals(8L, ffi.sizeof("enum big"));
        assertEquals(
                "unsigned long",
                ((EnumType) ffi.typeOf("enum big")).underlying().toString());
        assertEquals(0x100000000L, lib.get("LARGE"));
    }

    @Test
    void aFailedCompileLeavesPartialStructsPartial() {
        FFI ffi = new FFI();
        ffi.cdef("struct a { int x; ...; };\nstruct b { int y; };");
        ffi.setSource("_failed_then_fixed", "struct a { int q; int x; }; struct b { long y; };");
        assertThrows(FFIException.class, ffi::compile); // struct b is wrong

        assertEquals(StructType.State.PARTIAL, ((StructType) ffi.typeOf("struct a")).state());
        ffi.setSource("_failed_then_fixed", "struct a { int q; int x; }; struct b { int y; };");
        ffi.compile();
        assertEquals(8L, ffi.sizeof("struct a"));
        assertEquals(4L, ffi.offsetof("struct a", "x"));
    }
}

package org.cffi4j.cdef;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.cffi4j.CData;
import org.cffi4j.CDefException;
import org.cffi4j.FFI;
import org.cffi4j.Library;
import org.cffi4j.testing.GccProbe;
import org.junit.jupiter.api.Test;

/**
 * Parameter lists as C reads them: C99 array parameters whose length names an earlier parameter
 * (brotli's headers, used for real), {@code void} through a typedef, and gcc's errors for a
 * {@code ...} with no parameter before it and for a misused {@code void}.
 */
class FunctionDeclarationsTest {
    private static String errorOf(String source) {
        return assertThrows(CDefException.class, () -> new FFI().cdef(source)).getMessage();
    }

    @Test
    void arrayParametersSizedByEarlierParametersAreAdjustedToPointers() {
        FFI ffi = new FFI();
        ffi.cdef("""
                void f(unsigned long n, int p[restrict n], char q[static 4], const char *r[*]);
                int g(unsigned long *n, unsigned char out[*n]);
                void h(int n, int m, double grid[n * m + (int) sizeof(long)]);
                """);
        assertEquals(
                "void(unsigned long, int *, char *, const char **)",
                ffi.typeOf("__typeof__(f)").toString());
        assertEquals(
                "int(unsigned long *, unsigned char *)",
                ffi.typeOf("__typeof__(g)").toString());
        assertEquals("void(int, int, double *)", ffi.typeOf("__typeof__(h)").toString());
    }

    @Test
    void onlyTheOutermostArrayOfAParameterMayHaveAVariableLength() {
        assertEquals("""
                cdef:1:23: this array's length is not a constant: only a parameter's outermost array (which C\
                 passes as a pointer) may have a variable length (in declaration of 'f')
                    void f(int n, int (*p)[n]);
                                          ^""", errorOf("void f(int n, int (*p)[n]);"));
        assertEquals("""
                cdef:1:15: use of undeclared identifier 'n' in a constant expression (in declaration of 'a')
                    typedef int a[n];
                                  ^""", errorOf("typedef int a[n];"));
    }

    @Test
    void brotliRoundTripsThroughItsOwnHeaders() {
        FFI ffi = new FFI();
        ffi.cdef(GccProbe.preprocess("#include <brotli/encode.h>\n#include <brotli/decode.h>\n"));
        Library enc = ffi.dlopen("brotlienc");
        Library dec = ffi.dlopen("brotlidec");
        byte[] input = "to be or not to be, that is the question; ".repeat(40).getBytes(StandardCharsets.UTF_8);

        CData encodedSize = ffi.alloc("size_t *", (long) input.length + 1024);
        CData encoded = ffi.alloc("uint8_t[]", input.length + 1024);
        assertEquals(
                1,
                enc.call(
                        "BrotliEncoderCompress",
                        11,
                        22,
                        "BROTLI_MODE_TEXT",
                        (long) input.length,
                        input,
                        encodedSize,
                        encoded));
        long n = (Long) encodedSize.get(0);
        CData decodedSize = ffi.alloc("size_t *", (long) input.length);
        CData decoded = ffi.alloc("uint8_t[]", input.length);
        assertEquals(
                ffi.integerConst("BROTLI_DECODER_RESULT_SUCCESS"),
                ((Number) dec.call("BrotliDecoderDecompress", n, encoded, decodedSize, decoded)).longValue());
        assertEquals((long) input.length, decodedSize.get(0));
        assertArrayEquals(input, (byte[]) ffi.unpack(decoded, input.length));
    }

    @Test
    void aTypedefOfVoidAloneMeansNoParameters() {
        FFI ffi = new FFI();
        ffi.cdef("typedef void V; int getpid(V);");
        assertEquals("int(void)", ffi.typeOf("__typeof__(getpid)").toString());
        assertEquals(ProcessHandle.current().pid(), ((Integer) ffi.dlopen(null).call("getpid")).longValue());
    }

    @Test
    void misusedVoidAndAnEllipsisAloneAreGccsErrors() {
        assertEquals("""
                cdef:1:7: ISO C requires a named argument before '...' (in declaration of 'f')
                    int f(...);
                          ^""", errorOf("int f(...);"));
        assertEquals("""
                cdef:1:7: 'void' as only parameter may not be qualified (in declaration of 'f')
                    int f(const void);
                          ^""", errorOf("int f(const void);"));
        assertEquals("""
                cdef:1:28: 'void' must be the only parameter (in declaration of 'f')
                    typedef void V; int f(int, V);
                                               ^""", errorOf("typedef void V; int f(int, V);"));
        assertEquals("""
                cdef:1:23: parameter 'x' has type void (in declaration of 'f')
                    typedef void V; int f(V x);
                                          ^""", errorOf("typedef void V; int f(V x);"));
    }
}

package org.cffi4j.apimode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cffi4j.CData;
import org.cffi4j.FFI;
import org.cffi4j.Library;
import org.cffi4j.SourceOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The side-by-side example of docs/API-MODE.md, as written there: the same zlib calls in ABI mode
 * (every type spelled out, deflateInit_ called by hand) and in API mode (the compiler fills in the
 * rest, deflateInit called as the macro it is). Both must give the same results.
 */
class AbiVersusApiExampleTest {
    @BeforeAll
    static void cache() {
        TestCache.install();
    }

    @Test
    void abiMode() {
        FFI ffi = new FFI();
        ffi.cdef("""
                typedef unsigned long uLong;          /* you promise the exact types... */
                #define Z_OK 0                        /* ...and the values */
                typedef struct z_stream_s {           /* ...and every member, in order */
                    const unsigned char *next_in; unsigned int avail_in; uLong total_in;
                    unsigned char *next_out; unsigned int avail_out; uLong total_out;
                    const char *msg; void *state;
                    void *(*zalloc)(void *, unsigned int, unsigned int);
                    void (*zfree)(void *, void *);
                    void *opaque; int data_type; uLong adler; uLong reserved;
                } z_stream;
                const char *zlibVersion(void);
                uLong compressBound(uLong sourceLen);
                int deflateInit_(z_stream *strm, int level, const char *version, int stream_size);
                int deflateEnd(z_stream *strm);
                """);
        Library z = ffi.dlopen("z");
        long bound = (Long) z.call("compressBound", 1000L);
        CData strm = ffi.alloc("z_stream *");
        int rc = (Integer) z.call("deflateInit_", strm, 6, z.call("zlibVersion"), (int) ffi.sizeof("z_stream"));

        check(ffi, z, bound, rc, strm);
    }

    @Test
    void apiMode() {
        FFI ffi = new FFI();
        ffi.cdef("""
                typedef int... uLong;                 /* "an integer type": the compiler says which */
                #define Z_OK ...                      /* the compiler gives the value */
                typedef struct z_stream_s {           /* only the members you use, in any order */
                    uLong total_in; const char *msg;
                    ...;
                } z_stream;
                uLong compressBound(uLong sourceLen);
                int deflateInit(z_stream *strm, int level);   /* a macro in zlib.h */
                int deflateEnd(z_stream *strm);
                """);
        ffi.setSource("_zlib_example", "#include <zlib.h>", SourceOptions.libraries("z"));
        Library z = ffi.compile(); // checks the cdef against zlib.h, compiles once, then cached
        long bound = (Long) z.call("compressBound", 1000L);
        CData strm = ffi.alloc("z_stream *");
        int rc = (Integer) z.call("deflateInit", strm, 6);

        check(ffi, z, bound, rc, strm);
    }

    private static void check(FFI ffi, Library z, long bound, int rc, CData strm) {
        assertTrue(bound > 1000L && bound < 1100L, "compressBound " + bound);
        assertEquals(z.get("Z_OK"), rc);
        assertEquals(0L, strm.get("total_in"));
        assertEquals(112L, ffi.sizeof("z_stream")); // x86-64 and AArch64 Linux
        assertEquals(0, z.call("deflateEnd", strm));
    }
}

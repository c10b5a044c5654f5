package org.cffi4j.apimode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.Random;
import java.util.zip.DataFormatException;
import org.cffi4j.CData;
import org.cffi4j.FFI;
import org.cffi4j.FFIException;
import org.cffi4j.Library;
import org.cffi4j.SourceOptions;
import org.cffi4j.ctype.PrimitiveType;
import org.cffi4j.testing.GccProbe;
import org.cffi4j.testing.JavaZlib;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * zlib in API mode, declared as a CFFI user would: {@code typedef int... uLong}, a partial
 * {@code z_stream} whose members are listed in another order than zlib's, {@code #define Z_OK ...},
 * and {@code deflateInit}, a function-like macro, declared as a function. The compiler fills in what
 * the cdef left open; a C program compiled against {@code zlib.h} and java.util.zip are the oracles.
 */
class ZlibApiTest {
    private static final String CDEF = """
            typedef int... uLong;
            typedef int... uInt;
            typedef unsigned char Bytef;
            typedef struct z_stream_s {
                uLong total_out;
                Bytef *next_out;
                uInt avail_out;
                Bytef *next_in;
                uInt avail_in;
                uLong total_in;
                char *msg;
                ...;
            } z_stream;
            #define Z_OK ...
            #define Z_STREAM_END ...
            #define Z_FINISH ...
            #define Z_NO_FLUSH ...
            #define ZLIB_VERNUM ...
            const char *zlibVersion(void);
            uLong compressBound(uLong sourceLen);
            int compress(Bytef *dest, uLong *destLen, const Bytef *source, uLong sourceLen);
            int uncompress(Bytef *dest, uLong *destLen, const Bytef *source, uLong sourceLen);
            int deflateInit(z_stream *strm, int level);
            int deflate(z_stream *strm, int flush);
            int deflateEnd(z_stream *strm);
            """;

    private static FFI ffi;
    private static Library z;

    @BeforeAll
    static void compile() {
        TestCache.install();
        ffi = new FFI();
        ffi.cdef(CDEF);
        ffi.setSource("_zlib_api_test", "#include <zlib.h>", SourceOptions.libraries("z"));
        z = ffi.compile();
    }

    @Test
    void beforeCompileWhatOnlyTheCompilerKnowsIsRefused() {
        FFI abi = new FFI();
        abi.cdef(CDEF);
        assertTrue(assertThrows(FFIException.class, () -> abi.integerConst("Z_OK"))
                .getMessage()
                .contains("only in API mode"));
        assertThrows(FFIException.class, () -> abi.sizeof("uLong"));
        assertThrows(FFIException.class, () -> abi.sizeof("z_stream"));
    }

    @Test
    void theIntDotsTypesGetTheRealSizeAndSignedness() {
        String oracle = GccProbe.compileAndRun("""
                #include <stdio.h>
                #include <zlib.h>
                int main(void) {
                    printf("%zu %d %zu %d\\n", sizeof(uLong), (uLong) -1 < 0, sizeof(uInt), (uInt) -1 < 0);
                    return 0;
                }
                """).strip();
        PrimitiveType uLong = (PrimitiveType) ffi.typeOf("uLong");
        PrimitiveType uInt = (PrimitiveType) ffi.typeOf("uInt");
        assertEquals(
                oracle,
                uLong.size() + " " + (uLong.signed() ? 1 : 0) + " " + uInt.size() + " " + (uInt.signed() ? 1 : 0));
        assertTrue(uLong.isIntegral());
    }

    @Test
    void thePartialStructGetsTheRealLayout() {
        String oracle = GccProbe.compileAndRun("""
                #include <stddef.h>
                #include <stdio.h>
                #include <zlib.h>
                int main(void) {
                    printf("%zu %zu %zu %zu %zu %zu %zu %zu %zu\\n", sizeof(z_stream), _Alignof(z_stream),
                           offsetof(z_stream, next_in), offsetof(z_stream, avail_in), offsetof(z_stream, total_in),
                           offsetof(z_stream, next_out), offsetof(z_stream, avail_out),
                           offsetof(z_stream, total_out), offsetof(z_stream, msg));
                    return 0;
                }
                """).strip();
        String mine = ffi.sizeof("z_stream") + " " + ffi.alignof("z_stream");
        for (String member :
                new String[] {"next_in", "avail_in", "total_in", "next_out", "avail_out", "total_out", "msg"}) {
            mine += " " + ffi.offsetof("z_stream", member);
        }
        assertEquals(oracle, mine);
    }

    @Test
    void theDotsConstantsGetTheHeadersValues() {
        assertEquals(0, z.get("Z_OK"));
        assertEquals(1, z.get("Z_STREAM_END"));
        assertEquals(4, z.get("Z_FINISH"));
        assertEquals(0L, ffi.integerConst("Z_NO_FLUSH"));
        String oracle = GccProbe.compileAndRun("#include <stdio.h>\n#include <zlib.h>\n"
                        + "int main(void) { printf(\"%d\\n\", ZLIB_VERNUM); return 0; }")
                .strip();
        assertEquals(Long.parseLong(oracle), ffi.integerConst("ZLIB_VERNUM"));
    }

    @Test
    void compressAndUncompressRoundTrip() throws DataFormatException {
        byte[] data = sample(20_000);
        long bound = (Long) z.call("compressBound", (long) data.length);
        assertTrue(bound >= data.length, "compressBound " + bound);
        CData compressed = ffi.alloc("Bytef[]", (int) bound);
        CData compressedLength = ffi.alloc("uLong *", bound);

        assertEquals(0, z.call("compress", compressed, compressedLength, data, (long) data.length));

        int n = ((Long) compressedLength.deref()).intValue();
        assertTrue(n > 0 && n < data.length, "compressed to " + n);
        assertArrayEquals(data, JavaZlib.inflate((byte[]) ffi.unpack(compressed, n)));
        CData restored = ffi.alloc("Bytef[]", data.length);
        CData restoredLength = ffi.alloc("uLong *", (long) data.length);
        assertEquals(0, z.call("uncompress", restored, restoredLength, compressed, (long) n));
        assertArrayEquals(data, (byte[]) ffi.unpack(restored, data.length));
    }

    @Test
    void theDeflateInitMacroAndThePartialStructDriveAStream() throws DataFormatException {
        byte[] data = sample(50_000);
        CData input = ffi.alloc("Bytef[]", data);
        CData chunk = ffi.alloc("Bytef[1024]");
        CData stream = ffi.alloc("z_stream *"); // zeroed: zlib's default allocator
        // deflateInit is '#define deflateInit(strm, level) deflateInit_(...)': only a C wrapper can call it.
        assertEquals(0, z.call("deflateInit", stream, 6));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        stream.set("next_in", input);
        stream.set("avail_in", data.length);
        int rc;
        do {
            stream.set("next_out", chunk);
            stream.set("avail_out", 1024);
            rc = (Integer) z.call("deflate", stream, 4);
            int produced = 1024 - ((Number) stream.get("avail_out")).intValue();
            out.write((byte[]) ffi.unpack(chunk, produced), 0, produced);
        } while (rc == 0);

        assertEquals(1, rc);
        assertEquals((long) data.length, ((Number) stream.get("total_in")).longValue());
        assertEquals((long) out.size(), ((Number) stream.get("total_out")).longValue());
        assertTrue(((CData) stream.get("msg")).isNull());
        assertEquals(0, z.call("deflateEnd", stream));
        assertArrayEquals(data, JavaZlib.inflate(out.toByteArray()));
    }

    @Test
    void zlibVersionIsTheLinkedLibrarys() {
        String version = ffi.string((CData) z.call("zlibVersion"));
        assertFalse(version.isEmpty());
        assertTrue(version.startsWith("1."), version);
    }

    /** Compressible data with every byte value. */
    private static byte[] sample(int size) {
        byte[] data = new byte[size];
        Random random = new Random(7);
        for (int i = 0; i < size; i++) {
            data[i] = (byte) (i % 5 == 0 ? random.nextInt(256) : i / 100);
        }
        return data;
    }
}

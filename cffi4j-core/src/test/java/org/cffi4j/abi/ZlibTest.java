package org.cffi4j.abi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import org.cffi4j.CData;
import org.cffi4j.FFI;
import org.cffi4j.Library;
import org.cffi4j.testing.JavaZlib;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * zlib declared by its own {@code zlib.h} ({@code cc -E} output as-is, {@code z_stream} included):
 * one-shot compress/uncompress, crc32, and a {@code z_stream} driven through deflate. java.util.zip
 * (which links zlib itself) is the oracle.
 */
class ZlibTest {
    private static final int Z_OK = 0;
    private static final int Z_STREAM_END = 1;
    private static final int Z_VERSION_ERROR = -6;
    private static final int Z_NO_FLUSH = 0;
    private static final int Z_FINISH = 4;

    private static FFI ffi;
    private static Library z;

    @BeforeAll
    static void load() {
        ffi = SystemHeaders.ffi("zlib.h");
        z = ffi.dlopen("z");
    }

    @AfterAll
    static void close() {
        z.close();
    }

    /** Compressible data with every byte value, the negative Java bytes included. */
    private static byte[] sample(int size) {
        byte[] data = new byte[size];
        Random random = new Random(42);
        for (int i = 0; i < size; i++) {
            data[i] = (byte) (i % 7 == 0 ? random.nextInt(256) : i / 64);
        }
        return data;
    }

    @Test
    void compress2AndUncompressRoundTrip() throws DataFormatException {
        byte[] data = sample(10_000);
        long bound = (Long) z.call("compressBound", (long) data.length);
        assertTrue(bound >= data.length, "compressBound " + bound);
        CData compressed = ffi.alloc("Bytef[]", (int) bound);
        CData compressedLength = ffi.alloc("uLongf *", bound);

        assertEquals(Z_OK, z.call("compress2", compressed, compressedLength, data, (long) data.length, 9));

        long n = (Long) compressedLength.deref();
        assertTrue(n > 0 && n < data.length, "compressed to " + n);
        CData restored = ffi.alloc("Bytef[]", data.length);
        CData restoredLength = ffi.alloc("uLongf *", (long) data.length);
        assertEquals(Z_OK, z.call("uncompress", restored, restoredLength, compressed, n));
        assertEquals((long) data.length, restoredLength.deref());
        assertArrayEquals(data, (byte[]) ffi.unpack(restored, data.length));
        assertArrayEquals(data, JavaZlib.inflate((byte[]) ffi.unpack(compressed, (int) n)));
    }

    @Test
    void uncompressReadsAnAllocatedCopyOfJavaBytes() {
        // An unsigned char[] initialised from a byte[] holds the same bytes, negative Java bytes included.
        byte[] data = sample(1000);
        CData source = ffi.alloc("Bytef[]", data);
        assertArrayEquals(data, (byte[]) ffi.unpack(source, data.length));
        assertEquals(data[7] & 0xFF, source.get(7));

        CData compressed = ffi.alloc("Bytef[2000]");
        CData length = ffi.alloc("uLongf *", 2000L);
        assertEquals(Z_OK, z.call("compress", compressed, length, source, (long) data.length));
        CData restored = ffi.alloc("Bytef[]", data.length);
        CData restoredLength = ffi.alloc("uLongf *", (long) data.length);
        assertEquals(Z_OK, z.call("uncompress", restored, restoredLength, compressed, length.deref()));
        assertArrayEquals(data, (byte[]) ffi.unpack(restored, data.length));
    }

    @Test
    void crc32MatchesTheCheckValueAndJavaUtilZip() {
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0xCBF43926L, z.call("crc32", 0L, check, check.length));

        byte[] data = sample(100_000);
        CRC32 oracle = new CRC32();
        oracle.update(data);
        assertEquals(oracle.getValue(), z.call("crc32", 0L, data, data.length));

        long firstHalf = (Long) z.call("crc32", 0L, ffi.alloc("Bytef[]", data), 50_000);
        CData secondHalf = ffi.alloc("Bytef[]", data).plus(50_000);
        assertEquals(oracle.getValue(), z.call("crc32", firstHalf, secondHalf, 50_000));
    }

    @Test
    void aZStreamDeflatesChunkByChunk() throws DataFormatException {
        byte[] data = sample(50_000);
        CData input = ffi.alloc("Bytef[]", data);
        CData chunk = ffi.alloc("Bytef[1024]");
        CData stream = ffi.alloc("z_stream *"); // zalloc, zfree and opaque zero: zlib's default allocator
        assertEquals(Z_OK, z.call("deflateInit_", stream, 6, z.call("zlibVersion"), (int) ffi.sizeof("z_stream")));
        assertFalse(((CData) stream.get("state")).isNull());

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rc = Z_OK;
        for (int offset = 0; offset < data.length; offset += 5000) {
            int n = Math.min(5000, data.length - offset);
            stream.set("next_in", input.plus(offset));
            stream.set("avail_in", n);
            int flush = offset + n == data.length ? Z_FINISH : Z_NO_FLUSH;
            do { // zlib's usage: call deflate again while it fills the whole output chunk
                stream.set("next_out", chunk);
                stream.set("avail_out", 1024);
                rc = (Integer) z.call("deflate", stream, flush);
                int produced = 1024 - ((Long) stream.get("avail_out")).intValue();
                out.write((byte[]) ffi.unpack(chunk, produced), 0, produced);
            } while ((Long) stream.get("avail_out") == 0L);
            assertEquals(0L, stream.get("avail_in"));
        }

        assertEquals(Z_STREAM_END, rc);
        assertEquals((long) data.length, stream.get("total_in"));
        assertEquals((long) out.size(), stream.get("total_out"));
        assertTrue(((CData) stream.get("msg")).isNull());
        assertEquals(Z_OK, z.call("deflateEnd", stream));
        assertTrue(((CData) stream.get("state")).isNull());
        assertArrayEquals(data, JavaZlib.inflate(out.toByteArray()));
    }

    @Test
    void theAllocatorFunctionPointersOfAZStreamAreCallable() {
        CData stream = ffi.alloc("z_stream *");
        assertEquals(Z_OK, z.call("deflateInit_", stream, 6, z.call("zlibVersion"), (int) ffi.sizeof("z_stream")));
        // deflateInit_ fills the NULL zalloc and zfree members with zlib's own allocator functions.
        CData zalloc = (CData) stream.get("zalloc");
        CData zfree = (CData) stream.get("zfree");
        assertEquals(
                "void *(*)(void *, unsigned int, unsigned int)", zalloc.ctype().toString());

        CData block = (CData) zalloc.call(stream.get("opaque"), 16, 4);

        assertFalse(block.isNull());
        CData ints = ffi.cast("int *", block);
        ints.set(15, 42);
        assertEquals(42, ints.get(15));
        assertEquals(null, zfree.call(stream.get("opaque"), block));
        assertEquals(Z_OK, z.call("deflateEnd", stream));
    }

    @Test
    void deflateInitChecksTheStructSizeItIsGiven() {
        CData stream = ffi.alloc("z_stream *");
        assertEquals(Z_VERSION_ERROR, z.call("deflateInit_", stream, 6, "1.2.0", (int) ffi.sizeof("z_stream") - 8));
    }
}

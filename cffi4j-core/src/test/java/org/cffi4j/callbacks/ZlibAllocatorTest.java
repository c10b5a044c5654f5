package org.cffi4j.callbacks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.DataFormatException;
import org.cffi4j.CData;
import org.cffi4j.FFI;
import org.cffi4j.Library;
import org.cffi4j.testing.JavaZlib;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * zlib's custom allocator: the {@code zalloc} and {@code zfree} members of {@code z_stream}
 * (declared by the real {@code zlib.h}) set to Java callbacks that allocate from FFM arenas, with
 * the allocator object passed through the {@code opaque} member as a handle; deflate then runs on
 * Java-provided memory and java.util.zip inflates the result back.
 */
class ZlibAllocatorTest {
    private static final int Z_OK = 0;
    private static final int Z_STREAM_END = 1;
    private static final int Z_MEM_ERROR = -4;
    private static final int Z_FINISH = 4;

    private static FFI ffi;
    private static Library z;

    /** {@code alloc_func}: {@code voidpf (*)(voidpf opaque, uInt items, uInt size)}. */
    @FunctionalInterface
    public interface Zalloc {
        MemorySegment alloc(CData opaque, int items, int size);
    }

    /** {@code free_func}: {@code void (*)(voidpf opaque, voidpf address)}. */
    @FunctionalInterface
    public interface Zfree {
        void free(CData opaque, MemorySegment address);
    }

    /** Memory for zlib from one shared arena per block, freed by zfree. */
    static final class ArenaAllocator {
        final Map<Long, Arena> live = new HashMap<>();
        final List<Long> requested = new ArrayList<>();
        int frees;

        MemorySegment alloc(long bytes) {
            requested.add(bytes);
            Arena arena = Arena.ofShared();
            MemorySegment block = arena.allocate(bytes, 16);
            live.put(block.address(), arena);
            return block;
        }

        void free(MemorySegment address) {
            frees++;
            Arena arena = live.remove(address.address());
            if (arena == null) {
                throw new IllegalStateException("zfree of unknown block 0x" + Long.toHexString(address.address()));
            }
            arena.close();
        }
    }

    @BeforeAll
    static void load() {
        ffi = Headers.ffi("zlib.h");
        z = ffi.dlopen("z");
    }

    private static byte[] sample() {
        byte[] data = new byte[200_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) ((i * 31) ^ (i >> 7));
        }
        return data;
    }

    private static CData zalloc() {
        return ffi.callback("alloc_func", (Zalloc) (opaque, items, size) -> ((ArenaAllocator) ffi.fromHandle(opaque))
                .alloc(Integer.toUnsignedLong(items) * Integer.toUnsignedLong(size)));
    }

    private static CData zfree() {
        return ffi.callback(
                "free_func", (Zfree) (opaque, address) -> ((ArenaAllocator) ffi.fromHandle(opaque)).free(address));
    }

    private static int deflateInit(CData stream) {
        return (Integer) z.call("deflateInit_", stream, 6, z.call("zlibVersion"), (int) ffi.sizeof("z_stream"));
    }

    @Test
    void deflateRunsOnMemoryFromJavaCallbacks() throws DataFormatException {
        ArenaAllocator allocator = new ArenaAllocator();
        CData handle = ffi.newHandle(allocator);
        CData zalloc = zalloc();
        CData zfree = zfree();
        byte[] data = sample();
        CData input = ffi.alloc("Bytef[]", data);
        CData output = ffi.alloc("Bytef[]", data.length + 1024);
        CData stream = ffi.alloc("z_stream *");
        stream.set("zalloc", zalloc);
        stream.set("zfree", zfree);
        stream.set("opaque", handle);
        assertEquals(zalloc, stream.get("zalloc"));

        assertEquals(Z_OK, deflateInit(stream));
        assertTrue(allocator.requested.size() >= 2, "zalloc calls: " + allocator.requested);
        int blocksAfterInit = allocator.live.size();
        stream.set("next_in", input);
        stream.set("avail_in", data.length);
        stream.set("next_out", output);
        stream.set("avail_out", data.length + 1024);
        assertEquals(Z_STREAM_END, z.call("deflate", stream, Z_FINISH));
        long produced = (Long) stream.get("total_out");
        assertEquals(Z_OK, z.call("deflateEnd", stream));

        assertTrue(blocksAfterInit > 0);
        assertEquals(allocator.requested.size(), allocator.frees, "every zalloc block went back through zfree");
        assertTrue(allocator.live.isEmpty());
        assertArrayEquals(data, JavaZlib.inflate((byte[]) ffi.unpack(output, (int) produced)));
        ffi.release(handle);
        // z_stream holds bare function pointers: the cdata must stay reachable while zlib may call them.
        Reference.reachabilityFence(zalloc);
        Reference.reachabilityFence(zfree);
    }

    @Test
    void aZallocThatThrowsGivesZlibNullAndZMemError() {
        List<Throwable> reported = new ArrayList<>();
        CData failing = ffi.callback(
                "alloc_func",
                (Zalloc) (opaque, items, size) -> {
                    throw new OutOfMemoryError("pretend the Java heap is full");
                },
                null,
                reported::add); // the default error value of a pointer result: NULL
        CData zfree = zfree();
        CData handle = ffi.newHandle(new ArenaAllocator());
        CData stream = ffi.alloc("z_stream *");
        stream.set("zalloc", failing);
        stream.set("zfree", zfree);
        stream.set("opaque", handle);

        assertEquals(Z_MEM_ERROR, deflateInit(stream));
        Reference.reachabilityFence(failing);
        Reference.reachabilityFence(zfree);
        Reference.reachabilityFence(handle);

        assertEquals(1, reported.size());
        assertInstanceOf(OutOfMemoryError.class, reported.getFirst());
    }
}

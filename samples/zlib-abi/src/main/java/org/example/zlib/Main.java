package org.example.zlib;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.zip.CRC32;

/** Compresses and uncompresses 64 KB through the generated Zlib class, checked against java.util.zip. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        byte[] data = new byte[64 * 1024];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) ("zlib from Java " + (i % 251)).charAt(i % 14);
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment input = arena.allocateFrom(ValueLayout.JAVA_BYTE, data);
            MemorySegment packed = arena.allocate(Zlib.compressBound(data.length));
            MemorySegment packedSize = arena.allocateFrom(ValueLayout.JAVA_LONG, packed.byteSize());
            check(Zlib.compress(packed, packedSize, input, data.length) == Zlib.Z_OK, "compress");
            long size = packedSize.get(ValueLayout.JAVA_LONG, 0);

            MemorySegment output = arena.allocate(data.length);
            MemorySegment outputSize = arena.allocateFrom(ValueLayout.JAVA_LONG, data.length);
            check(Zlib.uncompress(output, outputSize, packed, size) == Zlib.Z_OK, "uncompress");
            check(outputSize.get(ValueLayout.JAVA_LONG, 0) == data.length, "uncompressed size");
            check(output.mismatch(input) == -1, "round trip");

            MemorySegment tooSmall = arena.allocateFrom(ValueLayout.JAVA_LONG, 10);
            check(Zlib.uncompress(output, tooSmall, packed, size) == Zlib.Z_BUF_ERROR, "Z_BUF_ERROR");

            CRC32 crc = new CRC32();
            crc.update(data);
            check(Zlib.crc32(0, input, data.length) == crc.getValue(), "crc32 equals java.util.zip's");
            String version = Zlib.zlibVersion().reinterpret(32).getString(0);
            System.out.println("zlib " + version + ": " + data.length + " bytes compressed to " + size
                    + ", uncompressed and checked; crc32 " + Long.toHexString(crc.getValue()));
        }
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError("zlib-abi: " + what + " failed");
        }
    }
}

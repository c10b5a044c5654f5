package org.cffi4j.internal.memory;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/**
 * A Java String as C takes it for {@code char *}: NUL-terminated UTF-8, in memory from whichever
 * allocator the caller's lifetime needs (a call's scope, the thread's scratch memory).
 */
public final class CStrings {
    private CStrings() {}

    /** A NUL-terminated UTF-8 copy of {@code s}, in exactly as many bytes from {@code allocator}. */
    public static MemorySegment utf8(String s, SegmentAllocator allocator) {
        int n = s.length();
        if (isAscii(s, n)) { // the common case, without an intermediate byte[]
            MemorySegment m = allocator.allocate(n + 1L, 1);
            for (int i = 0; i < n; i++) {
                m.set(ValueLayout.JAVA_BYTE, i, (byte) s.charAt(i));
            }
            m.set(ValueLayout.JAVA_BYTE, n, (byte) 0);
            return m;
        }
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        MemorySegment m = allocator.allocate(utf8.length + 1L, 1);
        MemorySegment.copy(utf8, 0, m, ValueLayout.JAVA_BYTE, 0, utf8.length);
        m.set(ValueLayout.JAVA_BYTE, utf8.length, (byte) 0);
        return m;
    }

    private static boolean isAscii(String s, int n) {
        for (int i = 0; i < n; i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}

package org.cffi4j.internal.ffm;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/**
 * Per-thread native scratch memory for the temporaries of bound calls (a Java String passed as
 * {@code char *}): a bump allocator reset after each call, so converting a string costs a copy and
 * no allocation. Nested calls (a callback calling C again) stack above the outer call's data.
 */
final class ScratchStack {
    private static final ThreadLocal<ScratchStack> CURRENT = ThreadLocal.withInitial(ScratchStack::new);
    private static final long INITIAL = 4096;

    private MemorySegment block = Arena.ofAuto().allocate(INITIAL, 16);
    private long top;

    static ScratchStack current() {
        return CURRENT.get();
    }

    /** The position to return to after the call. */
    static long mark() {
        return CURRENT.get().top;
    }

    /** Frees what was pushed since {@code mark}. */
    static void reset(long mark) {
        CURRENT.get().top = mark;
    }

    /** {@code size} zeroed bytes aligned to 16, valid until the enclosing call returns. */
    static MemorySegment allocate(long size) {
        ScratchStack st = CURRENT.get();
        long n = Math.max(1, size);
        MemorySegment m = st.reserve(n).fill((byte) 0);
        st.top += n;
        return m;
    }

    /** A NUL-terminated UTF-8 copy of {@code s}, valid until the enclosing call returns. */
    static MemorySegment push(String s) {
        if (s == null) {
            return MemorySegment.NULL;
        }
        ScratchStack st = CURRENT.get();
        int n = s.length();
        MemorySegment m = st.reserve((long) n * 3 + 1); // UTF-8 never needs more than 3 bytes per char
        if (isAscii(s, n)) {
            for (int i = 0; i < n; i++) {
                m.set(ValueLayout.JAVA_BYTE, i, (byte) s.charAt(i));
            }
            m.set(ValueLayout.JAVA_BYTE, n, (byte) 0);
            st.top += n + 1;
            return m.asSlice(0, n + 1);
        }
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        MemorySegment.copy(utf8, 0, m, ValueLayout.JAVA_BYTE, 0, utf8.length);
        m.set(ValueLayout.JAVA_BYTE, utf8.length, (byte) 0);
        st.top += utf8.length + 1;
        return m.asSlice(0, utf8.length + 1);
    }

    private static boolean isAscii(String s, int n) {
        for (int i = 0; i < n; i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    // Room for `size` bytes at the top; a full block is replaced by a larger one, and the old one stays
    // alive (Arena.ofAuto) as long as the segments of the outer calls still use it.
    private MemorySegment reserve(long size) {
        long aligned = (top + 15) & ~15L;
        if (aligned + size > block.byteSize()) {
            block = Arena.ofAuto().allocate(Math.max(block.byteSize() * 2, size + INITIAL), 16);
            aligned = 0;
        }
        top = aligned;
        return block.asSlice(aligned, size);
    }
}

package org.cffi4j.internal.ffm;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/**
 * Per-thread native scratch memory for the temporaries of bound calls (a Java String passed as
 * {@code char *}): a bump allocator reset after each call, so converting a string costs a copy and
 * no allocation. Nested calls (a callback calling C again) stack above the outer call's data.
 *
 * <p>A thread keeps a block of up to {@link #KEPT} bytes; a call that needs more gets a larger
 * block from the C allocator, freed as soon as the outermost call returns, so that one huge
 * argument does not stay allocated as long as its thread lives.
 */
final class ScratchStack {
    private static final ThreadLocal<ScratchStack> CURRENT = ThreadLocal.withInitial(ScratchStack::new);
    private static final long INITIAL = 4096;
    static final long KEPT = 64 * 1024;

    private MemorySegment kept = Arena.ofAuto().allocate(INITIAL, 16);
    private MemorySegment block = kept;
    private long top;
    private java.util.List<MemorySegment> large; // blocks past KEPT, freed when no call uses scratch memory

    static ScratchStack current() {
        return CURRENT.get();
    }

    /** The position to return to after the call. */
    static long mark() {
        return CURRENT.get().top;
    }

    /** Frees what was pushed since {@code mark}. */
    static void reset(long mark) {
        ScratchStack st = CURRENT.get();
        st.top = mark;
        if (mark == 0 && st.large != null) {
            st.freeLarge(); // no call in progress has data here any more
        }
    }

    private void freeLarge() {
        for (MemorySegment m : large) {
            Memory.free(m.address());
        }
        large = null;
        block = kept;
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
    // allocated as long as the outer calls may use it: a kept block (Arena.ofAuto) while their
    // segments are reachable, a large one until the outermost call returns.
    private MemorySegment reserve(long size) {
        long aligned = (top + 15) & ~15L;
        if (aligned + size > block.byteSize()) {
            long n = Math.max(block.byteSize() * 2, size + INITIAL);
            if (n <= KEPT) {
                block = Arena.ofAuto().allocate(n, 16);
                kept = block;
            } else {
                block = Memory.allocate(n, 16);
                if (large == null) {
                    large = new java.util.ArrayList<>(2);
                }
                large.add(block);
            }
            aligned = 0;
        }
        top = aligned;
        return block.asSlice(aligned, size);
    }
}

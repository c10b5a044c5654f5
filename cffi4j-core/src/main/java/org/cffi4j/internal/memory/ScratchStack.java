package org.cffi4j.internal.memory;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;

/**
 * Per-thread native scratch memory for the temporaries of bound calls (a Java String passed as
 * {@code char *}): a bump allocator reset after each call, so converting a string costs a copy and
 * no allocation. Nested calls (a callback calling C again) stack above the outer call's data.
 *
 * <p>A thread keeps a block of up to {@link #KEPT} bytes; a call that needs more gets a larger
 * block from the C allocator, freed as soon as the outermost call returns, so that one huge
 * argument does not stay allocated as long as its thread lives.
 */
public final class ScratchStack {
    private static final ThreadLocal<ScratchStack> CURRENT = ThreadLocal.withInitial(ScratchStack::new);
    private static final long INITIAL = 4096;
    static final long KEPT = 64 * 1024;

    private MemorySegment kept = Arena.ofAuto().allocate(INITIAL, 16);
    private MemorySegment block = kept;
    private long top;
    private java.util.List<MemorySegment> large; // blocks past KEPT, freed when no call uses scratch memory
    private final SegmentAllocator strings = this::take; // made once: a call allocates nothing on the heap

    static ScratchStack current() {
        return CURRENT.get();
    }

    /** The position to return to after the call. */
    public static long mark() {
        return CURRENT.get().top;
    }

    /** Frees what was pushed since {@code mark}. */
    public static void reset(long mark) {
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
    public static MemorySegment push(String s) {
        return s == null ? MemorySegment.NULL : CStrings.utf8(s, CURRENT.get().strings);
    }

    // `size` bytes at the top, aligned to 16 (which any alignment a string needs divides).
    private MemorySegment take(long size, long alignment) {
        MemorySegment m = reserve(size);
        top += size;
        return m;
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

package org.cffi4j.internal.memory;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.concurrent.atomic.AtomicLong;
import org.cffi4j.FFIException;
import org.cffi4j.internal.platform.Abi;

/**
 * Native memory from the C runtime's allocator: zero-filled blocks whose release cffi4j controls
 * (explicitly, by a scope, or when unreachable), which FFM's arenas do not allow one by one cheaply.
 * A block is aligned as its type needs: {@code calloc} for what the C allocator aligns anyway, {@code
 * posix_memalign} (then zero-filled) for over-aligned types.
 */
public final class Memory {
    /** What {@code calloc} aligns every block to: {@code alignof(max_align_t)}. */
    static final long MALLOC_ALIGNMENT = Abi.current().mallocAlignment();

    /**
     * With {@code -Dcffi4j.countBlocks=true}, the live blocks are counted (for the tests' leak
     * budgets); off by default, where the JIT removes the counting.
     */
    private static final boolean COUNTING = Boolean.getBoolean("cffi4j.countBlocks");

    private static final AtomicLong LIVE = new AtomicLong();

    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle CALLOC = LINKER.downcallHandle(
            LINKER.defaultLookup().find("calloc").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG));
    private static final MethodHandle POSIX_MEMALIGN = LINKER.downcallHandle(
            LINKER.defaultLookup().find("posix_memalign").orElseThrow(),
            FunctionDescriptor.of(
                    ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG));
    // The address as a long: the pointer a 64-bit ABI passes, without a segment to make.
    private static final MethodHandle FREE = LINKER.downcallHandle(
            LINKER.defaultLookup().find("free").orElseThrow(), FunctionDescriptor.ofVoid(ValueLayout.JAVA_LONG));

    private Memory() {}

    /** A zero-filled block of {@code size} bytes (at least one byte is allocated), aligned for any basic type. */
    public static MemorySegment allocate(long size) {
        return allocate(size, 1);
    }

    /**
     * A zero-filled block of {@code size} bytes aligned to {@code alignment} (a power of two), or to
     * what {@code calloc} guarantees if that is more.
     */
    public static MemorySegment allocate(long size, long alignment) {
        MemorySegment p = alignment <= MALLOC_ALIGNMENT ? calloc(size) : memalign(size, alignment);
        if (COUNTING) {
            LIVE.incrementAndGet();
        }
        return p.reinterpret(size);
    }

    private static MemorySegment calloc(long size) {
        MemorySegment p;
        try {
            p = (MemorySegment) CALLOC.invokeExact(Math.max(1L, size), 1L);
        } catch (Throwable t) {
            throw new FFIException("native allocation failed: " + t, t);
        }
        if (p.equals(MemorySegment.NULL)) {
            throw new FFIException("out of native memory allocating " + size + " bytes");
        }
        return p;
    }

    // posix_memalign, not aligned_alloc: C11 requires aligned_alloc's size to be a multiple of the
    // alignment, and glibc's free() takes both. The block is cleared here, as calloc would.
    private static MemorySegment memalign(long size, long alignment) {
        try (java.lang.foreign.Arena a = java.lang.foreign.Arena.ofConfined()) {
            MemorySegment slot = a.allocate(ValueLayout.ADDRESS);
            int error;
            try {
                error = (int) POSIX_MEMALIGN.invokeExact(slot, alignment, Math.max(1L, size));
            } catch (Throwable t) {
                throw new FFIException("native allocation failed: " + t, t);
            }
            if (error != 0) {
                throw new FFIException("out of native memory allocating " + size + " bytes aligned to " + alignment
                        + " (posix_memalign: error " + error + ")");
            }
            MemorySegment p = slot.get(ValueLayout.ADDRESS, 0).reinterpret(Math.max(1L, size));
            p.fill((byte) 0);
            return p;
        }
    }

    /** Frees a block from {@link #allocate}. */
    static void free(long block) {
        try {
            FREE.invokeExact(block);
        } catch (Throwable t) {
            throw new FFIException("native free failed: " + t, t);
        }
        if (COUNTING) {
            LIVE.decrementAndGet();
        }
    }

    /**
     * The number of blocks allocated and not yet freed, when counting is on ({@code
     * -Dcffi4j.countBlocks=true}); -1 otherwise.
     */
    public static long liveBlocks() {
        return COUNTING ? LIVE.get() : -1;
    }
}

package org.cffi4j.internal.ffm;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import org.cffi4j.CData;
import org.cffi4j.ctype.StructType;

/**
 * Structs returned by value: the linker writes them into a block from {@link #ALLOCATOR} (native
 * memory from the C allocator), which the returned cdata then owns.
 */
final class StructReturns {
    /** Gives the linker a fresh native block for each struct return. */
    static final SegmentAllocator ALLOCATOR = Memory::allocate;

    private StructReturns() {}

    /** The cdata owning a block the linker filled. */
    static CData own(StructType s, MemorySegment block) {
        return CDataAccess.door().create(s, block, Lifetime.owning(block));
    }
}

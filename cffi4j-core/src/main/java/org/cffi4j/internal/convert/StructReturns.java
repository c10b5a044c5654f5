package org.cffi4j.internal.convert;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import org.cffi4j.CData;
import org.cffi4j.ctype.StructType;
import org.cffi4j.internal.memory.CDataAccess;
import org.cffi4j.internal.memory.Lifetime;
import org.cffi4j.internal.memory.Memory;

/**
 * Structs returned by value: the linker writes them into a block from {@link #ALLOCATOR} (native
 * memory from the C allocator), which the returned cdata then owns.
 */
public final class StructReturns {
    /** Gives the linker a fresh native block for each struct return. */
    public static final SegmentAllocator ALLOCATOR = Memory::allocate;

    private StructReturns() {}

    /** The cdata owning a block the linker filled. */
    public static CData own(StructType s, MemorySegment block) {
        return CDataAccess.door().create(s, block, Lifetime.owning(block));
    }
}

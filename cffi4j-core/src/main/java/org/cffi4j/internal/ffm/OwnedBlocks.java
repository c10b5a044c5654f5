package org.cffi4j.internal.ffm;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;

/**
 * Allocates the block that receives a struct returned by value: a cffi4j-owned block whose
 * lifetime the returned cdata carries. One instance per call.
 */
final class OwnedBlocks implements SegmentAllocator {
    private Lifetime lifetime = Lifetime.UNOWNED;

    @Override
    public MemorySegment allocate(long byteSize, long byteAlignment) {
        MemorySegment block = Memory.allocate(byteSize);
        lifetime = Lifetime.owning(block);
        return block;
    }

    /** The lifetime of the block allocated for this call's return value. */
    Lifetime lifetime() {
        return lifetime;
    }
}

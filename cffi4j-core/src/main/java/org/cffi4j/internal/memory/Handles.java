package org.cffi4j.internal.memory;

import java.lang.foreign.MemorySegment;
import java.util.concurrent.ConcurrentHashMap;
import org.cffi4j.CData;
import org.cffi4j.FFIException;
import org.cffi4j.ctype.PointerType;
import org.cffi4j.ctype.VoidType;

/**
 * Java objects behind {@code void *} user-data pointers: each handle is a distinct, never-reused
 * address mapped to its object while the handle's cdata is alive. The addresses are bytes of large
 * blocks that are never freed nor touched (calloc maps them lazily: address space, not memory), so
 * that a released handle's value never comes back and a stale pointer is an error, not another
 * object.
 */
public final class Handles {
    private static final ConcurrentHashMap<Long, Object> LIVE = new ConcurrentHashMap<>();
    private static final PointerType VOID_P = new PointerType(VoidType.VOID);
    private static final Object NULL_OBJECT = new Object(); // stands for null, which the map cannot hold
    private static final long BLOCK = 1L << 24;
    private static long blockBase;
    private static long blockUsed = BLOCK;

    private Handles() {}

    /** A {@code void *} cdata standing for {@code object} until it is released or unreachable. */
    public static CData newHandle(Object object) {
        long address = nextAddress();
        LIVE.put(address, object == null ? NULL_OBJECT : object);
        Lifetime lifetime = Lifetime.destructor(() -> LIVE.remove(address));
        return CDataAccess.door().create(VOID_P, MemorySegment.ofAddress(address), lifetime);
    }

    private static synchronized long nextAddress() {
        if (blockUsed == BLOCK) {
            blockBase = Memory.allocate(BLOCK).address();
            blockUsed = 0;
        }
        return blockBase + blockUsed++;
    }

    /** The object of a live handle. */
    public static Object fromHandle(CData handle) {
        Object o = handle == null ? null : LIVE.get(handle.address());
        if (o == null) {
            throw new FFIException((handle == null ? "null" : "the pointer 0x" + Long.toHexString(handle.address()))
                    + " is not a live handle from ffi.newHandle (released, or never one)");
        }
        return o == NULL_OBJECT ? null : o;
    }
}

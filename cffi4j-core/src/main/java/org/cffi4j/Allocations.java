package org.cffi4j;

import java.lang.foreign.MemorySegment;
import org.cffi4j.ctype.ArrayType;
import org.cffi4j.ctype.CType;
import org.cffi4j.ctype.PointerType;
import org.cffi4j.ctype.StructType;
import org.cffi4j.internal.convert.FlexibleArrays;
import org.cffi4j.internal.convert.Initializers;
import org.cffi4j.internal.convert.Values;
import org.cffi4j.internal.memory.Lifetime;
import org.cffi4j.internal.memory.Memory;

/** {@code ffi.alloc}: sizes the block from the type and the initialiser, takes it from a source, fills it. */
final class Allocations {
    private Allocations() {}

    /** Where the blocks of {@code ffi.alloc} come from: cffi4j's allocator, or an {@link Allocator}'s functions. */
    interface BlockSource {
        /** A block of {@code size} bytes aligned to {@code alignment}, zero-filled unless the source says otherwise. */
        CData allocate(CType type, long size, long alignment, String spelled);
    }

    /** cffi4j's own: zero-filled blocks freed when released or unreachable. */
    static final BlockSource OWN = (type, size, alignment, spelled) -> {
        MemorySegment block = Memory.allocate(size, alignment);
        return new CData(type, block, Lifetime.owning(block));
    };

    static CData alloc(CType type, String spelled, Object init) {
        return alloc(type, spelled, init, OWN);
    }

    static CData alloc(CType type, String spelled, Object init, BlockSource source) {
        if (type instanceof PointerType p) {
            CType target = p.target();
            long size;
            try {
                // once: another thread's cdef may complete the type meanwhile
                size = target instanceof StructType s ? FlexibleArrays.allocationSize(s, init) : target.byteSize();
            } catch (FFIException e) {
                throw new FFIException("cannot allocate '" + spelled + "': " + e.getMessage());
            }
            CData c = source.allocate(p, size, target.byteAlignment(), spelled);
            if (init != null) {
                Values.write(target, c.rawMemory(), 0, init, "the initialiser of '" + spelled + "'");
            }
            return c;
        }
        if (type instanceof ArrayType a) {
            return allocArray(a, spelled, init, source);
        }
        throw new FFIException("ffi.alloc needs a pointer or array type, not '" + spelled + "': use '" + spelled
                + " *' for one item or '" + spelled + "[]' for several");
    }

    private static CData allocArray(ArrayType a, String spelled, Object init, BlockSource source) {
        long length = a.length();
        boolean initIsLength = false;
        if (!a.hasLength()) {
            if (init instanceof Integer || init instanceof Long) {
                length = ((Number) init).longValue();
                initIsLength = true;
                if (length < 0) {
                    throw new FFIException("cannot allocate '" + spelled + "' with a negative length (" + length + ")");
                }
            } else {
                length = init == null ? -1 : Initializers.lengthOf(a, init);
                if (length < 0) {
                    throw new FFIException(
                            "'" + spelled + "' needs a length or an initialiser (a Java array, a List or a"
                                    + " String) to know how many items to allocate");
                }
            }
        }
        if (length > Long.MAX_VALUE / Math.max(1, a.element().byteSize())) {
            throw new FFIException("cannot allocate '" + spelled + "' with " + length + " items: more bytes than the"
                    + " address space");
        }
        ArrayType sized = new ArrayType(a.element(), length);
        CData c = source.allocate(sized, sized.byteSize(), sized.byteAlignment(), spelled);
        if (init != null && !initIsLength) {
            Values.write(sized, c.rawMemory(), 0, init, "the initialiser of '" + spelled + "'");
        }
        return c;
    }
}

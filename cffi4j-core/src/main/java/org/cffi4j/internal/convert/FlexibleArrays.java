package org.cffi4j.internal.convert;

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Map;
import org.cffi4j.ctype.ArrayType;
import org.cffi4j.ctype.CType;
import org.cffi4j.ctype.Field;
import org.cffi4j.ctype.PointerType;
import org.cffi4j.ctype.StructType;
import org.cffi4j.internal.memory.CDataAccess;
import org.cffi4j.internal.memory.Lifetime;

/**
 * Members whose items run past the struct: a C99 flexible array member {@code T items[]} and gcc's
 * zero-length {@code T items[0]}. The struct's size leaves them out; {@code ffi.alloc} makes room
 * for the items its initialiser gives, and the member designates the memory from its offset to the
 * end of the block, when cffi4j knows the block, as C's {@code p->items} does.
 */
public final class FlexibleArrays {
    private FlexibleArrays() {}

    /** Whether {@code t} is an array whose items are not counted in its size: {@code T[]} or {@code T[0]}. */
    public static boolean isVariable(CType t) {
        return t instanceof ArrayType a && (a.length() == 0 || a.length() == ArrayType.UNKNOWN_LENGTH);
    }

    /** The struct's trailing flexible or zero-length array member, or null. */
    public static Field trailing(StructType s) {
        if (s.kind() != StructType.Kind.STRUCT || !s.isComplete()) {
            return null;
        }
        List<Field> fields = s.fields();
        Field last = fields.isEmpty() ? null : fields.getLast();
        return last != null && last.name() != null && !last.isBitfield() && isVariable(last.type()) ? last : null;
    }

    /**
     * The bytes {@code ffi.alloc} gives a struct initialised by {@code init}: its size, or, when the
     * initialiser gives items to its trailing array member, the offset of that member plus the items
     * (never less than the struct's size, as C's {@code sizeof} counts the padding after them).
     */
    public static long allocationSize(StructType s, Object init) {
        long size = s.byteSize();
        Field f = trailing(s);
        if (f == null) {
            return size;
        }
        Object items = switch (init) {
            case Map<?, ?> m -> m.get(f.name());
            case List<?> l when l.size() == Initializers.positionalMembers(s).size() -> l.getLast();
            case null, default -> null;
        };
        ArrayType a = (ArrayType) f.type();
        long n = items == null ? -1 : Initializers.lengthOf(a, items);
        if (n <= 0) {
            return size;
        }
        long itemSize = a.element().byteSize();
        if (n > (Long.MAX_VALUE - f.byteOffset()) / Math.max(1, itemSize)) {
            return Long.MAX_VALUE; // refused by the allocator with the type's name
        }
        return Math.max(size, f.byteOffset() + n * itemSize);
    }

    /**
     * The memory of the items of a variable array member at {@code address}: to the end of the
     * lifetime's block, or, in memory C owns (whose block is unknown), as far as C says.
     */
    public static MemorySegment items(long address, Lifetime lifetime) {
        MemorySegment tail = lifetime.tail(address);
        if (tail != null) {
            return tail;
        }
        return MemorySegment.ofAddress(address).reinterpret(Long.MAX_VALUE - address);
    }

    /**
     * A variable array member as a cdata: in a block cffi4j knows, an array of the items that fit
     * in the rest of the block ({@code int[3]}); in memory C owns, a pointer to the first item, as
     * CFFI gives it.
     */
    static Object read(ArrayType a, MemorySegment struct, long offset, Lifetime lifetime) {
        long address = struct.address() + offset;
        MemorySegment tail = lifetime.tail(address);
        CType item = a.element();
        if (tail != null) {
            long n = tail.byteSize() / Math.max(1, item.byteSize());
            return CDataAccess.door().create(new ArrayType(item, n), tail.asSlice(0, n * item.byteSize()), lifetime);
        }
        return Pointers.into(new PointerType(item), address, lifetime);
    }
}

package org.cffi4j;

import java.lang.foreign.MemorySegment;
import org.cffi4j.ctype.ArrayType;
import org.cffi4j.ctype.CType;
import org.cffi4j.ctype.EnumType;
import org.cffi4j.ctype.FunctionType;
import org.cffi4j.ctype.PointerType;
import org.cffi4j.ctype.PrimitiveType;
import org.cffi4j.ctype.StructType;
import org.cffi4j.internal.convert.CastValues;
import org.cffi4j.internal.convert.ConstMembers;
import org.cffi4j.internal.convert.Pointers;
import org.cffi4j.internal.convert.Values;
import org.cffi4j.internal.memory.CDataAccess;
import org.cffi4j.internal.memory.Lifetime;

/**
 * A C value in native memory, with its C type: a pointer, an array, a struct or union, or a number
 * of a given C type (from {@link FFI#cast}). Reads and writes follow C's types with range checks;
 * indexing an array past its length, dereferencing NULL and using released memory are
 * {@link FFIException}s, not undefined behaviour.
 *
 * {@snippet :
 * CData p = ffi.alloc("struct point *", Map.of("x", 1, "y", 2));   // struct point *p = calloc(...)
 * p.set("y", 5);                                                 // p->y = 5;
 * int y = (Integer) p.get("y");                                  // p->y
 * CData arr = ffi.alloc("int[]", new int[] {3, 1, 2});           // int arr[] = {3, 1, 2};
 * arr.get(2);                                                    // arr[2]
 * }
 *
 * <p>Two cdata are equal if they designate the same address.
 */
public final class CData {
    static {
        CDataAccess.register(new CDataAccess.Door() {
            @Override
            public CData create(CType type, MemorySegment memory, Lifetime lifetime) {
                return new CData(type, memory, lifetime);
            }

            @Override
            public MemorySegment memory(CData c) {
                return c.memory;
            }

            @Override
            public Lifetime lifetime(CData c) {
                return c.lifetime;
            }
        });
    }

    private final CType type;
    // For a pointer: the memory it points to, bounded when cffi4j knows the block; otherwise the
    // memory the value occupies (array, struct, union, or a boxed number from a cast).
    private final MemorySegment memory;
    private final Lifetime lifetime;
    private volatile FunctionPointerCall call; // linked on the first call through a function pointer

    CData(CType type, MemorySegment memory, Lifetime lifetime) {
        this.type = type;
        this.memory = memory;
        this.lifetime = lifetime;
    }

    /**
     * The C type of this value, e.g. {@code struct point *} or {@code int[3]}.
     *
     * @return the C type, which prints itself in C syntax
     */
    public CType ctype() {
        return type;
    }

    /**
     * The address, as C's {@code (intptr_t) p}: the pointer's value, or where the array, struct or
     * union starts.
     *
     * @return the address, 0 for NULL
     * @throws FFIException for a number cdata (from {@link FFI#cast}), which has no address
     */
    public long address() {
        if (isNumber()) {
            throw new FFIException("a '" + type + "' value has no address; use ffi.cast to a pointer type");
        }
        return memory.address();
    }

    /**
     * The value as a Java {@code long}, as CFFI's {@code int(x)}: a number cdata's value (a
     * floating one truncated toward zero, as C converts it; an unsigned 64-bit one as its two's
     * complement), a {@code _Bool}'s 0 or 1, a character's code, an enum's value, or a pointer's
     * address (0 for NULL).
     *
     * {@snippet :
     * ffi.cast("short", 70000).longValue();   // 4464
     * ffi.cast("double", -2.7).longValue();   // -2
     * }
     *
     * @return the value
     * @throws FFIException for an array, struct or union, which have no single number, or a floating
     *     value outside the range of {@code long}
     */
    public long longValue() {
        if (isNumber()) {
            Number n = CastValues.numberOf(this);
            if (n instanceof Double || n instanceof Float) {
                double d = n.doubleValue();
                if (Double.isNaN(d) || d >= 0x1p63 || d < -0x1p63) {
                    throw new FFIException("the value " + n + " of '" + type + "' does not fit in a long");
                }
            }
            return n.longValue();
        }
        if (type instanceof PointerType) {
            return memory.address();
        }
        throw new FFIException("'" + type + "' is not a number or a pointer, so it has no long value");
    }

    /**
     * The value as a Java {@code double}, as CFFI's {@code float(x)}: a number cdata's value (an
     * integer converted as C converts it to {@code double}), a character's code or an enum's value.
     *
     * @return the value
     * @throws FFIException for a pointer, an array, a struct or a union
     */
    public double doubleValue() {
        if (!isNumber()) {
            throw new FFIException("'" + type + "' is not a number, so it has no double value"
                    + (type instanceof PointerType ? " (its address is longValue())" : ""));
        }
        return CastValues.numberOf(this).doubleValue();
    }

    /**
     * Whether this is a NULL pointer, as C's {@code p == NULL}.
     *
     * @return true for a NULL pointer; false for any other pointer, an array, a struct, a union or a
     *     number
     */
    public boolean isNull() {
        return !isNumber() && memory.address() == 0;
    }

    /**
     * The number of items of an array, as C's {@code sizeof a / sizeof a[0]}.
     *
     * @return the number of items
     * @throws FFIException if this is not an array of known length (a pointer, for instance)
     */
    public long length() {
        if (type instanceof ArrayType a && a.hasLength()) {
            return a.length();
        }
        throw new FFIException("'" + type + "' is not an array of known length");
    }

    /**
     * The memory this cdata designates, as an FFM segment: for a pointer, the memory it points to
     * (to the end of the block when cffi4j allocated it, one item otherwise).
     *
     * <p>For memory cffi4j owns ({@link FFI#alloc}, a struct returned by value), the segment belongs
     * to a shared arena made for the block on the first call and closed when the block is released:
     * FFM checks every access through it, so a use after the release, even one racing it on another
     * thread, is an {@code IllegalStateException}, not a use-after-free; the segment keeps the block
     * from the GC as the cdata does. That release then costs a handshake with the other threads
     * (tens of microseconds); while a C call has the segment as an argument, its arena cannot close
     * (as {@code Arena.close} says), so the block stays allocated until the cdata and its segments
     * are unreachable. Memory that C owns is given as is: valid as long as C says.
     *
     * @return the segment
     * @throws FFIException if the memory was released
     */
    public MemorySegment segment() {
        return lifetime.checkedSegment(this, memory);
    }

    /**
     * Reads a member: {@code p.get("x")} is {@code p->x} for a struct pointer and {@code s.x} for a
     * struct; {@code "a.b"} goes through nested structs (and pointers to them), {@code "items.3"}
     * indexes an array member.
     *
     * {@snippet :
     * CData p = ffi.alloc("struct point *", Map.of("x", 1, "y", 2));
     * p.get("y");   // 2, an Integer: p->y
     * }
     *
     * @param fieldPath member names and array indices separated by dots
     * @return the member's value as a Java value (an {@code Integer} for an {@code int}...), or a
     *     cdata viewing the member's memory for a struct, union or array member
     * @throws FFIException if the member does not exist, a pointer on the way is NULL, or the memory
     *     was released
     */
    public Object get(String fieldPath) {
        return MemberAccess.get(this, fieldPath);
    }

    /**
     * Writes a member, converting {@code value} to its C type with range checks: {@code p.set("y", 5)}
     * is {@code p->y = 5;}.
     *
     * {@snippet :
     * p.set("y", 5);        // p->y = 5;
     * p.set("x", 1L << 40); // throws FFIException: integer 1099511627776 does not fit in 'int' ...
     * }
     *
     * @param fieldPath member names and array indices separated by dots
     * @param value the new value: a number, a String for a char array, a cdata, or an initialiser for a
     *     struct or array member
     * @throws FFIException if the member does not exist or is {@code const}, the value does not
     *     convert (the message names the member and its C type), a pointer on the way is NULL, or the
     *     memory was released
     */
    public void set(String fieldPath, Object value) {
        MemberAccess.set(this, fieldPath, value);
    }

    /**
     * {@code p[index]}: an item of an array or of the memory a pointer points to. Indices are checked
     * against an array's length and against the block cffi4j allocated.
     *
     * {@snippet :
     * CData xs = ffi.alloc("int[]", new int[] {3, 1, 2});
     * xs.get(2);    // 2: xs[2]
     * xs.get(3);    // throws FFIException: index 3 is out of bounds for 'int[3]' (valid: 0..2)
     * }
     *
     * @param index the item's index
     * @return the item as a Java value, or a cdata viewing it for a struct, union or array item
     * @throws FFIException if this is not a pointer or array, the index is out of bounds, the pointer
     *     is NULL or points to a type of unknown size, or the memory was released
     */
    public Object get(long index) {
        lifetime.enter(this);
        try {
            Item item = item(index);
            return Values.read(item.type, item.memory, 0, lifetime);
        } finally {
            lifetime.exit();
        }
    }

    /**
     * {@code p[index] = value}, converting the value to the item's C type with range checks.
     *
     * {@snippet :
     * xs.set(0, 30);   // xs[0] = 30;
     * }
     *
     * @param index the item's index
     * @param value the new value
     * @throws FFIException if this is not a pointer or array, the index is out of bounds, the pointer
     *     is NULL, the item is or holds a {@code const} member, the value does not convert, or the
     *     memory was released
     */
    public void set(long index, Object value) {
        lifetime.enter(this);
        try {
            Item item = item(index);
            MemberAccess.checkWritable(item.memory, this);
            if (item.type instanceof StructType || item.type instanceof ArrayType) {
                ConstMembers.Member constant = ConstMembers.in(item.type);
                if (constant != null) {
                    throw ConstMembers.assignment("item " + index + " of '" + type + "'", constant);
                }
            }
            Values.write(item.type, item.memory, 0, value, "item " + index + " of '" + type + "'");
        } finally {
            lifetime.exit();
        }
    }

    /**
     * {@code *p}: the pointed-to value (a cdata view for a struct or array).
     *
     * @return the value, as {@link #get(long)} with index 0 reads it
     * @throws FFIException if this is not a pointer, or is NULL, or the memory was released
     */
    public Object deref() {
        if (!(type instanceof PointerType)) {
            throw new FFIException("'" + type + "' is not a pointer, so it cannot be dereferenced");
        }
        return get(0);
    }

    /**
     * Calls the C function this function pointer points to (a callback, a struct member, the
     * address of a library function), converting arguments and result by the conversion table:
     * {@code fp(args...)}.
     *
     * @param args the arguments, one per C parameter
     * @return the result as a Java value, {@code null} for {@code void}
     * @throws FFIException if this is not a function pointer, it is NULL, or an argument does not
     *     convert
     */
    public Object call(Object... args) {
        if (!(type instanceof PointerType p) || !(p.target() instanceof FunctionType f)) {
            throw new FFIException("'" + type + "' is not a function pointer, so it cannot be called");
        }
        if (memory.address() == 0) {
            throw new FFIException("call through a NULL function pointer ('" + type + "')");
        }
        lifetime.enter(this); // a callback's stub stays while C runs it
        try {
            FunctionPointerCall linked = call;
            if (linked == null) {
                linked = new FunctionPointerCall(
                        type.toString(), f, MemorySegment.ofAddress(memory.address()), lifetime);
                call = linked;
            }
            return linked.invoke(args);
        } finally {
            lifetime.exit();
            java.lang.ref.Reference.reachabilityFence(this); // its memory (a library's code) is used until C returns
        }
    }

    /**
     * {@code p + n}: a pointer {@code n} items further (an array decays to a pointer to its first item).
     *
     * @param n the number of items, negative to go back
     * @return the new pointer; one into a block cffi4j allocated keeps that block's bounds
     * @throws FFIException if this is not a pointer or array, or its items have no size
     */
    public CData plus(long n) {
        CType element = elementType("pointer arithmetic");
        PointerType result = type instanceof PointerType p ? p : new PointerType(element);
        long size = element.byteSize();
        long offset = offset(n, size, "p + " + n);
        return Pointers.into(result, memory.address() + offset, lifetime);
    }

    /**
     * {@code p - q}: the number of items between two pointers into the same array.
     *
     * @param other the pointer or array to subtract
     * @return the number of items from {@code other} to this
     * @throws FFIException if {@code other} is null, either is not a pointer or array, the pointed-to
     *     types differ, or the distance is not a whole number of items
     */
    public long minus(CData other) {
        if (other == null) {
            throw new FFIException("cannot subtract null from '" + type + "': a pointer or array cdata is expected");
        }
        CType element = elementType("pointer difference");
        CType otherElement = other.elementType("pointer difference");
        if (!Pointers.compatible(element, otherElement) || !Pointers.compatible(otherElement, element)) {
            throw new FFIException(
                    "cannot subtract '" + other.type + "' from '" + type + "': the pointed-to types differ");
        }
        long bytes = memory.address() - other.address();
        long size = element.byteSize();
        if (bytes % size != 0) {
            throw new FFIException("the pointers are not a whole number of '" + element + "' apart");
        }
        return bytes / size;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CData c && !isNumber() && !c.isNumber() && c.memory.address() == memory.address();
    }

    @Override
    public int hashCode() {
        return isNumber() ? System.identityHashCode(this) : Long.hashCode(memory.address());
    }

    /**
     * CFFI's form: {@code <cdata 'int *' 0x7f...>}, {@code <cdata 'int *' NULL>}, {@code <cdata 'int[3]'
     * owning 12 bytes>}, {@code <cdata 'enum color' 5: GREEN>}.
     */
    @Override
    public String toString() {
        if (isNumber()) {
            Number n = CastValues.numberOf(this);
            String name = type instanceof EnumType e
                    ? e.nameOf(n.longValue()).map(c -> ": " + c.name()).orElse("")
                    : "";
            return "<cdata '" + type + "' " + n + name + ">";
        }
        String where = lifetime.isOwning() && memory.byteSize() > 0
                ? "owning " + memory.byteSize() + " bytes"
                : memory.address() == 0 ? "NULL" : "0x" + Long.toHexString(memory.address());
        return "<cdata '" + type + "' " + where + (lifetime.isAlive() ? "" : ", released") + ">";
    }

    Lifetime lifetime() {
        return lifetime;
    }

    /** The memory, unchecked: callers bracket their accesses with the lifetime's enter and exit. */
    MemorySegment rawMemory() {
        return memory;
    }

    boolean isNumber() {
        return type instanceof PrimitiveType || type instanceof EnumType;
    }

    /** Whether the memory's bounds are known (a block cffi4j owns or views): accesses are checked against them. */
    boolean isBounded() {
        return lifetime.block() != null;
    }

    private CType elementType(String what) {
        return switch (type) {
            case PointerType p when !(p.target() instanceof FunctionType) -> p.target();
            case ArrayType a -> a.element();
            default -> throw new FFIException(what + " needs a pointer or an array, not '" + type + "'");
        };
    }

    private record Item(CType type, MemorySegment memory) {}

    private Item item(long index) {
        CType element = elementType("indexing");
        if (type instanceof ArrayType a && a.hasLength() && (index < 0 || index >= a.length())) {
            throw new FFIException(
                    "index " + index + " is out of bounds for '" + type + "' (valid: 0.." + (a.length() - 1) + ")");
        }
        if (memory.address() == 0) {
            throw new FFIException("NULL pointer dereference: '" + type + "' is NULL");
        }
        long size = itemSize(element);
        long offset = offset(index, size, "index " + index + " of '" + type + "'");
        if (isBounded() || type instanceof ArrayType) {
            if (offset < 0 || offset + size > memory.byteSize()) {
                throw new FFIException("index " + index + " is out of bounds: '" + type + "' points into a block of "
                        + CDataFunctions.bytes(memory.byteSize()) + " ("
                        + CDataFunctions.items(memory.byteSize() / size) + ")");
            }
            return new Item(element, memory.asSlice(offset, size));
        }
        return new Item(
                element, MemorySegment.ofAddress(memory.address() + offset).reinterpret(size));
    }

    // index * size in bytes: an overflow is a Java exception, not a wrapped-around address.
    private static long offset(long index, long size, String what) {
        try {
            return Math.multiplyExact(index, size);
        } catch (ArithmeticException e) {
            throw new FFIException(what + " is out of bounds: it is beyond the address space");
        }
    }

    // The size of what an index or dereference reads: an opaque struct or void has none, and the
    // message says which operation needed it.
    private long itemSize(CType element) {
        try {
            return element.byteSize();
        } catch (FFIException e) {
            throw new FFIException("cannot index or dereference '" + type + "': " + e.getMessage(), e);
        }
    }
}

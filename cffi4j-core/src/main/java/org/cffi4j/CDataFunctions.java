package org.cffi4j;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.cffi4j.ctype.ArrayType;
import org.cffi4j.ctype.CType;
import org.cffi4j.ctype.EnumType;
import org.cffi4j.ctype.PointerType;
import org.cffi4j.ctype.PrimitiveType;
import org.cffi4j.ctype.StructType;
import org.cffi4j.internal.convert.Pointers;
import org.cffi4j.internal.convert.Values;
import org.cffi4j.internal.memory.Lifetime;
import org.cffi4j.internal.memory.Memory;

/** The cdata functions of {@link FFI}: allocation, strings, buffers, copies, addresses. */
final class CDataFunctions {
    private CDataFunctions() {}

    static void release(CData c) {
        if (!c.lifetime().isOwning()) {
            throw new FFIException(c + " does not own its memory (it was not made by ffi.alloc or ffi.gc), so it cannot"
                    + " be released");
        }
        c.lifetime().release();
    }

    static String string(CData c, long maxlen) {
        CType t = c.ctype();
        if (t instanceof EnumType e && c.isNumber()) {
            long v = org.cffi4j.internal.convert.CastValues.numberOf(c).longValue();
            return e.nameOf(v).map(org.cffi4j.ctype.Enumerator::name).orElse(Long.toString(v));
        }
        if (t instanceof PrimitiveType c1 && isCharacter(c1)) {
            return character(
                    c1, org.cffi4j.internal.convert.CastValues.numberOf(c).longValue());
        }
        CType item = t instanceof PointerType p ? p.target() : t instanceof ArrayType a ? a.element() : null;
        if (!(item instanceof PrimitiveType p) || !p.isIntegral() || p.size() > 4 || p.size() == 0) {
            throw new FFIException(
                    "ffi.string needs a char or wide-char pointer or array (or a character or an enum value), not '" + t
                            + "'");
        }
        if (c.isNull()) {
            throw new FFIException("ffi.string of a NULL pointer ('" + t + "')");
        }
        long limit = maxlen >= 0 ? maxlen : t instanceof ArrayType a && a.hasLength() ? a.length() : Long.MAX_VALUE;
        if (t instanceof ArrayType a && a.hasLength()) {
            limit = Math.min(limit, a.length());
        }
        MemorySegment m = c.rawMemory();
        if (!c.isBounded() && !(t instanceof ArrayType)) {
            m = m.reinterpret(limit == Long.MAX_VALUE ? Long.MAX_VALUE : limit * p.size());
        }
        Lifetime lifetime = c.lifetime();
        lifetime.enter(c);
        try {
            return decode(m, (int) p.size(), limit);
        } finally {
            lifetime.exit();
        }
    }

    private static boolean isCharacter(PrimitiveType p) {
        return p.kind() == PrimitiveType.Kind.CHAR || p.kind() == PrimitiveType.Kind.WIDE_CHAR;
    }

    // A single character cdata ((wchar_t) 0xe9) as the one-character String it holds, decoded as its
    // string of one item would be.
    private static String character(PrimitiveType p, long code) {
        if (code == 0) {
            return "\0";
        }
        MemorySegment one = MemorySegment.ofArray(new long[1]);
        one.set(ValueLayout.JAVA_LONG, 0, code);
        return decode(one.asSlice(0, p.size()), (int) p.size(), 1);
    }

    private static String decode(MemorySegment m, int unit, long limit) {
        long available = Math.min(limit, m.byteSize() / unit);
        long n = 0;
        while (n < available && read(m, unit, n) != 0) {
            n++;
        }
        byte[] bytes = new byte[Math.toIntExact(n * unit)];
        MemorySegment.copy(m, ValueLayout.JAVA_BYTE, 0, bytes, 0, bytes.length);
        return switch (unit) {
            case 1 -> new String(bytes, StandardCharsets.UTF_8);
            case 2 -> new String(bytes, StandardCharsets.UTF_16LE);
            default -> new String(bytes, java.nio.charset.Charset.forName("UTF-32LE"));
        };
    }

    private static long read(MemorySegment m, int unit, long i) {
        return switch (unit) {
            case 1 -> m.get(ValueLayout.JAVA_BYTE, i);
            case 2 -> m.get(ValueLayout.JAVA_SHORT_UNALIGNED, i * 2);
            default -> m.get(ValueLayout.JAVA_INT_UNALIGNED, i * 4);
        };
    }

    static Object unpack(CData c, int n) {
        CType t = c.ctype();
        CType item = t instanceof PointerType p ? p.target() : t instanceof ArrayType a ? a.element() : null;
        if (item == null) {
            throw new FFIException("ffi.unpack needs a pointer or an array, not '" + t + "'");
        }
        if (n < 0 || t instanceof ArrayType a && a.hasLength() && n > a.length()) {
            throw new FFIException("ffi.unpack: cannot take " + n + " items of '" + t + "'");
        }
        if (n > 0 && c.isNull()) {
            throw new FFIException("ffi.unpack of a NULL pointer ('" + t + "')");
        }
        Lifetime lifetime = c.lifetime();
        lifetime.enter(c);
        try {
            MemorySegment m = c.isBounded() || t instanceof ArrayType
                    ? c.rawMemory()
                    : c.rawMemory().reinterpret(n * item.byteSize());
            if (n * item.byteSize() > m.byteSize()) { // a pointer into a known block: its end is known
                throw new FFIException("ffi.unpack: cannot take " + n + " items of '" + t + "': it points into a block"
                        + " of " + m.byteSize() + " bytes (" + items(m.byteSize() / item.byteSize()) + ")");
            }
            CType u = item instanceof EnumType e ? e.underlying() : item;
            if (u instanceof PrimitiveType p && p.kind() != PrimitiveType.Kind.COMPLEX) {
                return primitiveArray(p, m, n);
            }
            Object[] out = new Object[n];
            for (int i = 0; i < n; i++) {
                out[i] = Values.read(item, m, i * item.byteSize(), lifetime);
            }
            return out;
        } finally {
            lifetime.exit();
        }
    }

    static String items(long n) {
        return n + (n == 1 ? " item" : " items");
    }

    /** {@code "1 byte"}, {@code "32 bytes"}. */
    static String bytes(long n) {
        return n + (n == 1 ? " byte" : " bytes");
    }

    private static Object primitiveArray(PrimitiveType p, MemorySegment m, int n) {
        MemorySegment src = m.asSlice(0, n * p.byteSize());
        if (p.kind() == PrimitiveType.Kind.FLOATING) {
            return p.size() == 4 ? src.toArray(ValueLayout.JAVA_FLOAT) : src.toArray(ValueLayout.JAVA_DOUBLE);
        }
        if (p.kind() == PrimitiveType.Kind.BOOL) {
            boolean[] out = new boolean[n];
            for (int i = 0; i < n; i++) {
                out[i] = src.get(ValueLayout.JAVA_BYTE, i) != 0;
            }
            return out;
        }
        return switch ((int) p.size()) {
            case 1 -> src.toArray(ValueLayout.JAVA_BYTE);
            case 2 ->
                p.kind() == PrimitiveType.Kind.WIDE_CHAR
                        ? src.toArray(ValueLayout.JAVA_CHAR)
                        : src.toArray(ValueLayout.JAVA_SHORT);
            case 4 -> src.toArray(ValueLayout.JAVA_INT);
            default -> src.toArray(ValueLayout.JAVA_LONG);
        };
    }

    // The buffer of a block cffi4j owns is over CData.segment()'s checked segment: FFM refuses its
    // accesses once the block is released.
    static ByteBuffer buffer(CData c, long size) {
        if (c.isNumber()) {
            throw new FFIException("ffi.buffer needs a pointer, array, struct or union cdata, not '" + c.ctype() + "'");
        }
        if (c.isNull()) {
            throw new FFIException("ffi.buffer of a NULL pointer ('" + c.ctype() + "')");
        }
        MemorySegment m;
        if (c.isBounded() || c.ctype() instanceof ArrayType) {
            m = c.segment();
        } else {
            c.lifetime().check(c);
            m = c.rawMemory();
        }
        if (size >= 0) {
            if (!c.isBounded() && !(c.ctype() instanceof ArrayType)) {
                m = m.reinterpret(size);
            } else if (size > m.byteSize()) {
                throw new FFIException("ffi.buffer: " + size + " bytes asked, but " + c + " has " + m.byteSize());
            }
            m = m.asSlice(0, size);
        }
        if (m.byteSize() > Integer.MAX_VALUE) {
            throw new FFIException("ffi.buffer: a ByteBuffer holds at most " + Integer.MAX_VALUE + " bytes, and " + c
                    + " has " + m.byteSize() + "; pass a size, or use CData.segment()");
        }
        return m.asByteBuffer().order(java.nio.ByteOrder.nativeOrder());
    }

    static CData fromBuffer(CType type, String spelled, Object buffer) {
        MemorySegment m = switch (buffer) {
            case MemorySegment s when s.isNative() -> s;
            case ByteBuffer b when b.isDirect() -> MemorySegment.ofBuffer(b);
            case byte[] bytes -> {
                MemorySegment block = Memory.allocate(bytes.length, alignmentOf(type));
                MemorySegment.copy(bytes, 0, block, ValueLayout.JAVA_BYTE, 0, bytes.length);
                yield block; // a Java array moves under GC: C gets a native copy
            }
            case null, default ->
                throw new FFIException("ffi.fromBuffer needs a native MemorySegment, a direct ByteBuffer or a"
                        + " byte[], not " + org.cffi4j.internal.convert.IntegerRange.describe(buffer));
        };
        // Bounded either way: a cast of the cdata, or a struct read through it, stays inside the buffer.
        Lifetime lifetime = buffer instanceof byte[] ? Lifetime.owning(m) : Lifetime.borrowed(m);
        CType t = type;
        if (type instanceof ArrayType a && !a.hasLength()) {
            t = new ArrayType(a.element(), m.byteSize() / a.element().byteSize());
        } else if (type instanceof ArrayType a && a.byteSize() > m.byteSize()) {
            throw new FFIException("ffi.fromBuffer: '" + spelled + "' needs " + a.byteSize() + " bytes, the buffer has "
                    + m.byteSize());
        } else if (!(type instanceof PointerType) && !(type instanceof ArrayType)) {
            throw new FFIException("ffi.fromBuffer needs a pointer or array type, not '" + spelled + "'");
        }
        return new CData(t, m, lifetime);
    }

    static void memmove(Object dst, Object src, long n) {
        if (n < 0) {
            throw new FFIException("ffi.memmove: the byte count is negative (" + n + ")");
        }
        Lifetime dl = dst instanceof CData c ? c.lifetime() : Lifetime.UNOWNED;
        Lifetime sl = src instanceof CData c ? c.lifetime() : Lifetime.UNOWNED;
        dl.enter(dst);
        try {
            sl.enter(src);
            try {
                MemorySegment d = segmentOf(dst, n, "destination");
                MemorySegment s = segmentOf(src, n, "source");
                if (d.isReadOnly()) {
                    throw new FFIException("ffi.memmove: the destination is a read-only "
                            + (dst instanceof ByteBuffer ? "ByteBuffer" : "MemorySegment")
                            + ", so it cannot be written");
                }
                MemorySegment.copy(s, 0, d, 0, n); // correct for overlapping ranges, like memmove
            } finally {
                sl.exit();
            }
        } finally {
            dl.exit();
        }
    }

    private static MemorySegment segmentOf(Object o, long n, String what) {
        MemorySegment m = switch (o) {
            case CData c
            when c.isNumber() ->
                throw new FFIException(
                        "ffi.memmove: the " + what + " must be a pointer or array cdata, not '" + c.ctype() + "'");
            case CData c
            when c.isNull() && n > 0 ->
                throw new FFIException("ffi.memmove: the " + what + " is a NULL pointer ('" + c.ctype() + "')");
            case CData c ->
                c.isBounded() || c.ctype() instanceof ArrayType
                        ? c.rawMemory()
                        : c.rawMemory().reinterpret(n);
            case MemorySegment s -> s;
            case byte[] b -> MemorySegment.ofArray(b);
            case ByteBuffer b -> MemorySegment.ofBuffer(b);
            case null, default ->
                throw new FFIException("ffi.memmove: the " + what + " must be a cdata, a MemorySegment, a byte[]"
                        + " or a ByteBuffer, not "
                        + (o == null ? "null" : o.getClass().getName()));
        };
        if (m.byteSize() < n) {
            throw new FFIException(
                    "ffi.memmove: " + n + " bytes do not fit in the " + what + " (" + m.byteSize() + " bytes)");
        }
        return m;
    }

    // Computes an address, touching no memory: the result keeps the bounds of the block (see Pointers.into).
    static CData addressof(CData c, String... path) {
        CType t = c.ctype();
        c.lifetime().check(c);
        if (path.length == 0) {
            if (!(t instanceof StructType) && !(t instanceof ArrayType)) {
                throw new FFIException(
                        "ffi.addressof needs a struct, union or array cdata (or a member path), not '" + t + "'");
            }
            return c.isBounded()
                    ? Pointers.into(new PointerType(t), c.address(), c.lifetime())
                    : new CData(new PointerType(t), c.rawMemory(), c.lifetime());
        }
        if (c.isNumber()) {
            throw new FFIException("ffi.addressof needs a pointer, struct, union or array cdata, not '" + t + "'");
        }
        MemberPath.Step member = MemberPath.walk(t, "ffi.addressof('" + t + "')", path);
        PointerType result = new PointerType(member.type());
        long address = c.rawMemory().address() + member.offset();
        if (c.isBounded()) {
            return Pointers.into(result, address, c.lifetime());
        }
        if (t instanceof PointerType) { // memory C owns: the member is all that is known of it
            if (c.isNull()) {
                throw new FFIException("ffi.addressof of a member of a NULL pointer ('" + t + "')");
            }
            return new CData(
                    result,
                    MemorySegment.ofAddress(address).reinterpret(member.type().byteSize()),
                    c.lifetime());
        }
        return new CData(
                result, c.rawMemory().asSlice(member.offset(), member.type().byteSize()), c.lifetime());
    }

    // What a byte[] copy is aligned to: the pointed-to or item type's alignment, so that the items
    // can be read where C would put them.
    private static long alignmentOf(CType type) {
        CType item = type instanceof PointerType p ? p.target() : type instanceof ArrayType a ? a.element() : null;
        return item != null && item.isComplete() && !(item instanceof org.cffi4j.ctype.VoidType)
                ? item.byteAlignment()
                : 1;
    }

    static CData gc(CData c, Consumer<CData> destructor) {
        c.lifetime().check(c);
        CData view = new CData(c.ctype(), c.rawMemory(), Lifetime.UNOWNED);
        Lifetime original = c.lifetime(); // kept reachable until the destructor has run
        return new CData(
                c.ctype(),
                c.rawMemory(),
                Lifetime.destructor(
                        () -> {
                            destructor.accept(view);
                            original.isAlive();
                        },
                        original)); // released with the original too: its memory would be gone
    }
}

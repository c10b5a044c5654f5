package org.cffi4j.internal.convert;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.cffi4j.CData;
import org.cffi4j.FFIException;
import org.cffi4j.ctype.ArrayType;
import org.cffi4j.ctype.CType;
import org.cffi4j.ctype.EnumType;
import org.cffi4j.ctype.FunctionType;
import org.cffi4j.ctype.PointerType;
import org.cffi4j.ctype.PrimitiveType;
import org.cffi4j.ctype.StructType;
import org.cffi4j.internal.memory.CDataAccess;
import org.cffi4j.internal.memory.Lifetime;

/**
 * Reads C values from native memory as Java values, and writes Java values as C values, by the
 * conversion table of docs/SEMANTICS.md: integers of each C type as the Java type that holds its
 * whole range, pointers, structs and arrays as {@link CData} views.
 */
public final class Values {
    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED;
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED;
    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ValueLayout.OfDouble DOUBLE = ValueLayout.JAVA_DOUBLE_UNALIGNED;

    private Values() {}

    /** Reads the value of type {@code t} at {@code offset}. */
    public static Object read(CType t, MemorySegment m, long offset, Lifetime lifetime) {
        return switch (t) {
            case PrimitiveType p -> readPrimitive(p, m, offset);
            case EnumType e -> readPrimitive(e.underlying(), m, offset);
            case PointerType p -> pointer(p, m.get(ValueLayout.ADDRESS_UNALIGNED, offset));
            case StructType s -> view(s, m.asSlice(offset, s.byteSize()), lifetime);
            case ArrayType a when FlexibleArrays.isVariable(a) -> FlexibleArrays.read(a, m, offset, lifetime);
            case ArrayType a -> view(a, a.hasLength() ? m.asSlice(offset, a.byteSize()) : m.asSlice(offset), lifetime);
            default -> throw new FFIException("cannot read a value of type '" + t + "'");
        };
    }

    /** A pointer cdata for an address: the memory it points to, sized to one pointee when known. */
    public static CData pointer(PointerType p, MemorySegment address) {
        long size = p.target().isComplete() ? p.target().byteSize() : 0;
        return CDataAccess.door().create(p, address.reinterpret(size), Lifetime.UNOWNED);
    }

    private static CData view(CType t, MemorySegment m, Lifetime lifetime) {
        return CDataAccess.door().create(t, m, lifetime);
    }

    static Object readPrimitive(PrimitiveType p, MemorySegment m, long offset) {
        int size = (int) p.byteSize();
        return switch (p.kind()) {
            case BOOL -> m.get(ValueLayout.JAVA_BYTE, offset) != 0;
            case FLOATING ->
                switch (size) {
                    case 4 -> m.get(FLOAT, offset);
                    case 8 -> m.get(DOUBLE, offset);
                    default ->
                        throw new FFIException(
                                "'" + p + "' values cannot be read in ABI mode (no Java type holds them)");
                };
            case COMPLEX ->
                throw new FFIException("'" + p + "' values cannot be read as one Java value; read the"
                        + " real and imaginary parts through a 'double[2]' cast");
            default -> readInteger(p, m, offset, size);
        };
    }

    private static Object readInteger(PrimitiveType p, MemorySegment m, long offset, int size) {
        boolean signed = p.signed();
        return switch (size) {
            case 1 ->
                signed
                        ? (Object) m.get(ValueLayout.JAVA_BYTE, offset)
                        : (Object) (m.get(ValueLayout.JAVA_BYTE, offset) & 0xFF);
            case 2 ->
                p.kind() == PrimitiveType.Kind.WIDE_CHAR
                        ? (Object) (char) m.get(SHORT, offset)
                        : signed ? (Object) m.get(SHORT, offset) : (Object) (m.get(SHORT, offset) & 0xFFFF);
            case 4 -> signed ? (Object) m.get(INT, offset) : (Object) (m.get(INT, offset) & 0xFFFF_FFFFL);
            case 8 -> m.get(LONG, offset);
            default ->
                throw new FFIException("'" + p + "' values cannot be read in ABI mode (no Java type holds them)");
        };
    }

    /**
     * Writes {@code value} as a C value of type {@code t} at {@code offset}.
     *
     * @param where what is being written, for messages (e.g. {@code field 'x' of 'struct point'})
     */
    public static void write(CType t, MemorySegment m, long offset, Object value, Object where) {
        switch (t) {
            case PrimitiveType p -> writePrimitive(p, t, m, offset, value, where);
            case EnumType e -> writePrimitive(e.underlying(), t, m, offset, value, where);
            case PointerType p -> m.set(ValueLayout.ADDRESS_UNALIGNED, offset, Pointers.toAddress(p, value, where));
            // A trailing T[] or T[0] member takes items to the end of the memory given (ffi.alloc made room).
            case StructType s ->
                Initializers.struct(
                        s,
                        FlexibleArrays.trailing(s) == null ? m.asSlice(offset, s.byteSize()) : m.asSlice(offset),
                        value,
                        where);
            case ArrayType a ->
                Initializers.array(
                        a,
                        FlexibleArrays.isVariable(a) ? m.asSlice(offset) : m.asSlice(offset, a.byteSize()),
                        value,
                        where);
            case FunctionType f -> throw new FFIException("cannot store into a function (" + where + ")");
            default -> throw new FFIException("cannot store a value of type '" + t + "' (" + where + ")");
        }
    }

    private static void writePrimitive(
            PrimitiveType p, CType declared, MemorySegment m, long offset, Object value, Object where) {
        int size = (int) p.byteSize();
        if (p.kind() == PrimitiveType.Kind.FLOATING) {
            double d = toDouble(value, declared, where);
            switch (size) {
                case 4 -> m.set(FLOAT, offset, (float) d);
                case 8 -> m.set(DOUBLE, offset, d);
                default -> throw new FFIException("'" + p + "' values cannot be written in ABI mode (" + where + ")");
            }
            return;
        }
        if (p.kind() == PrimitiveType.Kind.COMPLEX) {
            throw new FFIException("'" + p + "' values cannot be written as one Java value (" + where + ")");
        }
        long bits = value instanceof CData c && c.ctype() instanceof PrimitiveType
                ? IntegerRange.toBits(CastValues.numberOf(c), declared, where)
                : IntegerRange.toBits(value, declared, where);
        switch (size) {
            case 1 -> m.set(ValueLayout.JAVA_BYTE, offset, (byte) bits);
            case 2 -> m.set(SHORT, offset, (short) bits);
            case 4 -> m.set(INT, offset, (int) bits);
            case 8 -> m.set(LONG, offset, bits);
            default -> throw new FFIException("'" + p + "' values cannot be written in ABI mode (" + where + ")");
        }
    }

    /** A Java number as a C floating value. */
    public static double toDouble(Object value, CType t, Object where) {
        if (value instanceof Double
                || value instanceof Float
                || value instanceof Integer
                || value instanceof Long
                || value instanceof Short
                || value instanceof Byte) {
            return ((Number) value).doubleValue();
        }
        if (value instanceof CData c && c.ctype() instanceof PrimitiveType) {
            return CastValues.numberOf(c).doubleValue();
        }
        throw new FFIException("cannot convert " + IntegerRange.describe(value) + " to '" + t + "' (" + where
                + "): a number is expected");
    }
}

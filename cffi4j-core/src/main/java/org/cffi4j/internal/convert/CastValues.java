package org.cffi4j.internal.convert;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.math.BigInteger;
import org.cffi4j.CData;
import org.cffi4j.FFIException;
import org.cffi4j.ctype.ArrayType;
import org.cffi4j.ctype.CType;
import org.cffi4j.ctype.EnumType;
import org.cffi4j.ctype.FunctionType;
import org.cffi4j.ctype.PointerType;
import org.cffi4j.ctype.PrimitiveType;
import org.cffi4j.internal.memory.CDataAccess;
import org.cffi4j.internal.memory.Lifetime;

/**
 * C casts ({@code ffi.cast}): to an integer type wraps modulo 2^n and truncates floats toward zero,
 * as C does; to a pointer type reinterprets an address or another pointer. A cast to a primitive
 * type gives a cdata that carries its C type, e.g. to force the type of a variadic argument.
 */
public final class CastValues {
    private CastValues() {}

    /** {@code (type) value}. */
    public static CData cast(CType type, Object value) {
        CType t = type instanceof EnumType e ? e : type;
        return switch (t) {
            case PrimitiveType p -> primitive(type, p, value);
            case EnumType e -> primitive(type, e.underlying(), value);
            case PointerType p -> pointer(p, value);
            case FunctionType f ->
                throw new FFIException("cannot cast to a function type '" + f + "': cast to a pointer to it");
            case ArrayType a -> throw new FFIException("cannot cast to an array type '" + a + "': cast to a pointer");
            default -> throw new FFIException("cannot cast to '" + type + "'");
        };
    }

    private static CData primitive(CType declared, PrimitiveType p, Object value) {
        MemorySegment box = MemorySegment.ofArray(new long[2]);
        if (p.kind() == PrimitiveType.Kind.FLOATING) {
            double d = value instanceof CData c ? numberOf(c).doubleValue() : Values.toDouble(value, p, "cast");
            if (p.size() == 4) {
                box.set(ValueLayout.JAVA_FLOAT, 0, (float) d);
            } else if (p.size() == 8) {
                box.set(ValueLayout.JAVA_DOUBLE, 0, d);
            } else {
                throw new FFIException("'" + p + "' values are not supported in ABI mode");
            }
            return CDataAccess.door().create(declared, box.asSlice(0, p.size()), Lifetime.UNOWNED);
        }
        // As CFFI: (enum color) "GREEN" is the constant's value; (wchar_t) "é" the character's code.
        long bits = value instanceof String s && (declared instanceof EnumType || isCharacter(p))
                ? IntegerRange.toBits(s, declared, "cast")
                : integerBits(value);
        if (p.kind() == PrimitiveType.Kind.BOOL) {
            bits = isNonZero(value, bits) ? 1 : 0;
        }
        int size = (int) p.byteSize();
        if (size > 8) {
            throw new FFIException("'" + p + "' values are not supported in ABI mode");
        }
        box.set(ValueLayout.JAVA_LONG, 0, bits); // little-endian: the low bytes hold the truncated value
        return CDataAccess.door().create(declared, box.asSlice(0, size), Lifetime.UNOWNED);
    }

    private static boolean isCharacter(PrimitiveType p) {
        return p.kind() == PrimitiveType.Kind.CHAR || p.kind() == PrimitiveType.Kind.WIDE_CHAR;
    }

    // C converts to _Bool by comparing with zero, before any truncation: (_Bool) 0.5 is 1.
    private static boolean isNonZero(Object value, long bits) {
        return switch (value) {
            case Double d -> d != 0.0;
            case Float f -> f != 0.0f;
            case BigInteger b -> b.signum() != 0;
            case CData c
            when c.ctype() instanceof PrimitiveType || c.ctype() instanceof EnumType -> {
                Number n = numberOf(c);
                yield n instanceof Double || n instanceof Float ? n.doubleValue() != 0.0 : isNonZero(n, n.longValue());
            }
            case null, default -> bits != 0;
        };
    }

    private static long integerBits(Object value) {
        return switch (value) {
            case Double d -> (long) d.doubleValue();
            case Float f -> (long) f.floatValue();
            case Number n -> n.longValue();
            case Character c -> c;
            case Boolean b -> b ? 1 : 0;
            case CData c
            when c.ctype() instanceof PrimitiveType || c.ctype() instanceof EnumType ->
                numberOf(c).longValue();
            case CData c -> c.address();
            case null -> 0;
            default -> throw new FFIException("cannot cast " + IntegerRange.describe(value) + " to an integer type");
        };
    }

    private static CData pointer(PointerType p, Object value) {
        long address = switch (value) {
            case null -> 0;
            case CData c
            when c.ctype() instanceof PrimitiveType || c.ctype() instanceof EnumType ->
                numberOf(c).longValue();
            case CData c -> c.address();
            case MemorySegment s -> s.address();
            case Number n when !(n instanceof Double) && !(n instanceof Float) -> n.longValue();
            default -> throw new FFIException("cannot cast " + IntegerRange.describe(value) + " to '" + p + "'");
        };
        // A pointer cast from a cdata keeps the bounds and lifetime of the block it points into.
        Lifetime lifetime = value instanceof CData c ? CDataAccess.door().lifetime(c) : Lifetime.UNOWNED;
        return Pointers.into(p, address, lifetime);
    }

    /**
     * The number held by a primitive cdata (from a cast): an integer type's value (a BigInteger for
     * an unsigned 64-bit value above Long.MAX_VALUE), Float or Double for floating types.
     */
    public static Number numberOf(CData c) {
        CType t = c.ctype() instanceof EnumType e ? e.underlying() : c.ctype();
        if (!(t instanceof PrimitiveType p)) {
            throw new FFIException("'" + c.ctype() + "' is not a number type");
        }
        Object v = Values.readPrimitive(p, CDataAccess.door().memory(c), 0);
        if (v instanceof Long l && l < 0 && !p.signed() && p.isIntegral()) {
            // The true value, so that the range check of a store or argument accepts the cdata's own type.
            return new BigInteger(Long.toUnsignedString(l));
        }
        return v instanceof Boolean b
                ? (Number) (b ? 1L : 0L)
                : v instanceof Character ch ? (Number) (long) ch : (Number) v;
    }
}

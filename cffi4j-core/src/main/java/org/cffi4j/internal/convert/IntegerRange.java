package org.cffi4j.internal.convert;

import java.math.BigInteger;
import org.cffi4j.CData;
import org.cffi4j.FFIException;
import org.cffi4j.ctype.CType;
import org.cffi4j.ctype.EnumType;
import org.cffi4j.ctype.Enumerator;
import org.cffi4j.ctype.PrimitiveType;
import org.cffi4j.internal.message.DidYouMean;

/**
 * Converts Java numbers to C integers, checking the C type's range: an out-of-range value is an
 * error naming where it was going, never a silent truncation.
 */
public final class IntegerRange {
    private IntegerRange() {}

    /**
     * The bits of {@code value} for an integer (or char, bool, enum) type of {@code size} bytes.
     *
     * @param where what the value is for, e.g. {@code argument 2 of 'qsort'}
     */
    public static long toBits(Object value, CType type, Object where) {
        PrimitiveType p = integral(type);
        if (value instanceof String name && type instanceof EnumType e) {
            return e.values().stream()
                    .filter(v -> v.name().equals(name))
                    .mapToLong(Enumerator::value)
                    .findFirst()
                    .orElseThrow(() -> new FFIException("'" + name + "' is not a constant of '" + e + "'"
                            + DidYouMean.enumerator(name, e) + " (" + where + ")"));
        }
        if (value instanceof CData c && (c.ctype() instanceof PrimitiveType || c.ctype() instanceof EnumType)) {
            value = CastValues.numberOf(c); // a number cdata (an enum's too) stores its value, range checked
        }
        if (value instanceof String s
                && s.codePointCount(0, s.length()) == 1
                && (p.kind() == PrimitiveType.Kind.CHAR || p.kind() == PrimitiveType.Kind.WIDE_CHAR)) {
            return check(s.codePointAt(0), p, type, where); // a one-character String, as CFFI takes for a char
        }
        if (p.kind() == PrimitiveType.Kind.BOOL) {
            return bool(value, where);
        }
        if (value instanceof Character c) {
            return check(c, p, type, where);
        }
        if (value instanceof Byte || value instanceof Short || value instanceof Integer || value instanceof Long) {
            return check(((Number) value).longValue(), p, type, where);
        }
        if (value instanceof BigInteger b) {
            return checkBig(b, p, type, where);
        }
        throw new FFIException("cannot convert " + describe(value) + " to '" + type + "' (" + where + "): an integer is"
                + " expected" + (type instanceof EnumType ? " or the name of a constant" : ""));
    }

    private static long bool(Object value, Object where) {
        if (value instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (value instanceof Number n
                && (n.longValue() == 0 || n.longValue() == 1)
                && !(value instanceof Double)
                && !(value instanceof Float)) {
            return n.longValue();
        }
        throw new FFIException("cannot convert " + describe(value) + " to '_Bool' (" + where + "): true, false, 0 or 1"
                + " is expected");
    }

    private static long check(long v, PrimitiveType p, CType type, Object where) {
        int bits = (int) p.size() * 8;
        boolean ok = p.signed()
                ? bits == 64 || (v >= -(1L << (bits - 1)) && v < (1L << (bits - 1)))
                : v >= 0 && (bits == 64 || v < (1L << bits));
        if (!ok) {
            throw outOfRange(String.valueOf(v), p, type, where);
        }
        return v;
    }

    private static long checkBig(BigInteger b, PrimitiveType p, CType type, Object where) {
        int bits = (int) p.size() * 8;
        BigInteger min = p.signed() ? BigInteger.ONE.shiftLeft(bits - 1).negate() : BigInteger.ZERO;
        BigInteger max = p.signed()
                ? BigInteger.ONE.shiftLeft(bits - 1).subtract(BigInteger.ONE)
                : BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
        if (b.compareTo(min) < 0 || b.compareTo(max) > 0) {
            throw outOfRange(b.toString(), p, type, where);
        }
        return b.longValue();
    }

    private static FFIException outOfRange(String v, PrimitiveType p, CType type, Object where) {
        return new FFIException(
                "integer " + v + " does not fit in '" + type + "' (" + where + "): the range is " + rangeText(p));
    }

    /** The range of an integer type as text, e.g. {@code 0..255}. */
    public static String rangeText(PrimitiveType p) {
        int bits = (int) p.size() * 8;
        if (p.signed()) {
            BigInteger max = BigInteger.ONE.shiftLeft(bits - 1);
            return max.negate() + ".." + max.subtract(BigInteger.ONE);
        }
        return "0.." + BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
    }

    static PrimitiveType integral(CType type) {
        CType t = type instanceof EnumType e ? e.underlying() : type;
        if (t instanceof PrimitiveType p && p.isIntegral() && p.isComplete()) {
            return p;
        }
        throw new FFIException("'" + type + "' is not an integer type");
    }

    /** A Java value as a message shows it: its class and value. */
    public static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value.getClass().isArray()) { // "int[] of length 3", not "[I [I@1b6d3586"
            return value.getClass().getTypeName() + " of length " + java.lang.reflect.Array.getLength(value);
        }
        String s = String.valueOf(value);
        if (s.length() > 40) {
            s = s.substring(0, 40) + "...";
        }
        return value.getClass().getName() + " " + (value instanceof String ? "\"" + s + "\"" : s);
    }
}

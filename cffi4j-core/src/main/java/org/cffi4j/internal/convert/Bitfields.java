package org.cffi4j.internal.convert;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.cffi4j.FFIException;
import org.cffi4j.ctype.Field;
import org.cffi4j.ctype.PrimitiveType;

/** Reads and writes bitfields, byte by byte so that packed and straddling bitfields work too. */
public final class Bitfields {
    private Bitfields() {}

    /** The value of bitfield {@code f} of the struct at {@code base}, sign-extended if its type is signed. */
    public static Object read(Field f, MemorySegment m, long base) {
        PrimitiveType p = IntegerRange.integral(f.type());
        long value = readBits(f, m, base);
        if (p.kind() == PrimitiveType.Kind.BOOL) {
            return value != 0;
        }
        return p.size() <= 4 && (p.signed() || p.size() < 4) ? (Object) (int) value : (Object) value;
    }

    /** The bits of bitfield {@code f} of the struct at {@code base}, sign-extended if its type is signed. */
    public static long readBits(Field f, MemorySegment m, long base) {
        PrimitiveType p = IntegerRange.integral(f.type());
        long raw = load(f, m, base);
        int w = f.bitWidth();
        return p.signed() && w < 64 ? (raw << (64 - w)) >> (64 - w) : raw;
    }

    /** Stores {@code value} in bitfield {@code f}, checking that it fits its width. */
    public static void write(Field f, MemorySegment m, long base, Object value, Object where) {
        writeBits(f, m, base, IntegerRange.toBits(value, f.type(), where), where);
    }

    /** Stores the integer {@code v} in bitfield {@code f}, checking that it fits its width. */
    public static void writeBits(Field f, MemorySegment m, long base, long v, Object where) {
        PrimitiveType p = IntegerRange.integral(f.type());
        int w = f.bitWidth();
        if (w < 64) {
            long min = p.signed() ? -(1L << (w - 1)) : 0;
            long max = p.signed() ? (1L << (w - 1)) - 1 : (1L << w) - 1;
            if (v < min || v > max) {
                throw new FFIException("integer " + v + " does not fit in bitfield '" + f.name() + "' of " + w
                        + " bits (" + where + "): the range is " + min + ".." + max);
            }
        }
        store(f, m, base, v);
    }

    private static long load(Field f, MemorySegment m, long base) {
        long result = 0;
        for (int i = 0; i < f.bitWidth(); i++) {
            long bit = f.bitOffset() + i;
            int b = m.get(ValueLayout.JAVA_BYTE, base + f.byteOffset() + bit / 8);
            result |= ((long) ((b >> (bit % 8)) & 1)) << i;
        }
        return result;
    }

    private static void store(Field f, MemorySegment m, long base, long v) {
        for (int i = 0; i < f.bitWidth(); i++) {
            long bit = f.bitOffset() + i;
            long at = base + f.byteOffset() + bit / 8;
            int b = m.get(ValueLayout.JAVA_BYTE, at);
            int mask = 1 << (bit % 8);
            b = ((v >>> i) & 1) != 0 ? b | mask : b & ~mask;
            m.set(ValueLayout.JAVA_BYTE, at, (byte) b);
        }
    }
}

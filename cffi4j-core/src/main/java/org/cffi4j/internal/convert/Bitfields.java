package org.cffi4j.internal.convert;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
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
        return load(f, m, base, ByteOrder.nativeOrder());
    }

    private static void store(Field f, MemorySegment m, long base, long v) {
        store(f, m, base, v, ByteOrder.nativeOrder());
    }

    /** The raw bits of bitfield {@code f}, its value's bit 0 lowest, as a platform of this byte order keeps them. */
    static long load(Field f, MemorySegment m, long base, ByteOrder order) {
        long result = 0;
        for (int i = 0; i < f.bitWidth(); i++) {
            long at = base + f.byteOffset() + byteOf(f, i, order);
            int b = m.get(ValueLayout.JAVA_BYTE, at);
            result |= ((long) ((b >> bitOf(f, i, order)) & 1)) << i;
        }
        return result;
    }

    /** Stores the low bits of {@code v} in bitfield {@code f}, as a platform of this byte order keeps them. */
    static void store(Field f, MemorySegment m, long base, long v, ByteOrder order) {
        for (int i = 0; i < f.bitWidth(); i++) {
            long at = base + f.byteOffset() + byteOf(f, i, order);
            int b = m.get(ValueLayout.JAVA_BYTE, at);
            int mask = 1 << bitOf(f, i, order);
            b = ((v >>> i) & 1) != 0 ? b | mask : b & ~mask;
            m.set(ValueLayout.JAVA_BYTE, at, (byte) b);
        }
    }

    // Where bit i of the value (0 = least significant) is. A field's bit positions are gcc's, the
    // same on every platform; little-endian ones put its lowest bit first, at the least significant
    // end of each byte; big-endian ones (s390x) its highest bit first, at the most significant end.
    private static long position(Field f, int i, ByteOrder order) {
        return f.bitOffset() + (order == ByteOrder.BIG_ENDIAN ? f.bitWidth() - 1 - i : i);
    }

    private static long byteOf(Field f, int i, ByteOrder order) {
        return position(f, i, order) / 8;
    }

    private static int bitOf(Field f, int i, ByteOrder order) {
        int bit = (int) (position(f, i, order) % 8);
        return order == ByteOrder.BIG_ENDIAN ? 7 - bit : bit;
    }
}

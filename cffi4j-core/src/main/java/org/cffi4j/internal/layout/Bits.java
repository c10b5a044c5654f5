package org.cffi4j.internal.layout;

/**
 * The arithmetic of the layout engine. Positions, sizes and alignments are counted in bits, as gcc
 * counts them, because bitfields start and end inside bytes. Alignments are powers of two; every
 * operation fails with an {@link ArithmeticException} rather than wrap around.
 */
final class Bits {
    /** Bits in a byte (BITS_PER_UNIT). */
    static final long PER_BYTE = 8;

    private Bits() {}

    /** {@code bytes} in bits. */
    static long ofBytes(long bytes) {
        return Math.multiplyExact(bytes, PER_BYTE);
    }

    /** {@code bits} in whole bytes, rounding up (a partly used byte counts). */
    static long toBytesCeil(long bits) {
        return Math.ceilDiv(bits, PER_BYTE);
    }

    /** The smallest multiple of {@code align} (a power of two) not below {@code value}. */
    static long roundUp(long value, long align) {
        return Math.addExact(value, align - 1) & -align;
    }

    /** The alignment a position is known to have: its lowest set bit, 0 for position 0 (any). */
    static long knownAlignment(long position) {
        return Long.lowestOneBit(position);
    }

    /** Whether {@code value} is a power of two (1, 2, 4...). */
    static boolean isPowerOfTwo(long value) {
        return value > 0 && Long.bitCount(value) == 1;
    }
}

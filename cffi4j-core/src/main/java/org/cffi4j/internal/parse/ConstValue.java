package org.cffi4j.internal.parse;

import java.math.BigInteger;

/**
 * A value of a C constant expression with its C type, so that arithmetic wraps and compares as
 * gcc's does ({@code ~0U} is 4294967295, {@code -1 < 0U} is 0, {@code (__int128)1 << 64} is
 * 2<sup>64</sup>).
 *
 * @param bits the value, or its low 64 bits for a 128-bit type; for 32-bit types normalised (sign-
 *     or zero-extended) to 64 bits
 * @param rank the promoted C type: one of the ranks below
 * @param kind whether the value is an integer, a floating value or a pointer (a cast to a pointer
 *     type): only integers make integer constants
 * @param real the value of a floating constant
 * @param wide the exact value of a 128-bit integer, null for the narrower ranks
 */
record ConstValue(long bits, Rank rank, Kind kind, double real, BigInteger wide) {
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    /** What sort of value an expression has. */
    enum Kind {
        INTEGER,
        FLOATING,
        POINTER
    }

    /** The integer types constant arithmetic is done in (after promotion), on an LP64 platform. */
    enum Rank {
        INT(32, true),
        UINT(32, false),
        LONG(64, true),
        ULONG(64, false),
        INT128(128, true),
        UINT128(128, false);

        final int width;
        final boolean signed;
        final BigInteger min;
        final BigInteger max;

        Rank(int width, boolean signed) {
            this.width = width;
            this.signed = signed;
            this.min = signed ? BigInteger.ONE.shiftLeft(width - 1).negate() : BigInteger.ZERO;
            this.max = signed
                    ? BigInteger.ONE.shiftLeft(width - 1).subtract(BigInteger.ONE)
                    : BigInteger.ONE.shiftLeft(width).subtract(BigInteger.ONE);
        }

        /** The rank of an integer type of {@code bytes} bytes, after the integer promotions. */
        static Rank of(int bytes, boolean signed) {
            if (bytes < 4) {
                return INT; // promoted
            }
            if (bytes == 4) {
                return signed ? INT : UINT;
            }
            if (bytes == 8) {
                return signed ? LONG : ULONG;
            }
            return signed ? INT128 : UINT128;
        }

        /** Whether the exact value {@code v} is one of this type's values. */
        boolean holds(BigInteger v) {
            return v.compareTo(min) >= 0 && v.compareTo(max) <= 0;
        }

        /** The value {@code v} converted to this type: modulo 2<sup>width</sup>, as gcc converts. */
        BigInteger wrap(BigInteger v) {
            if (holds(v)) {
                return v;
            }
            BigInteger m = v.mod(BigInteger.ONE.shiftLeft(width));
            return signed && m.compareTo(max) > 0 ? m.subtract(BigInteger.ONE.shiftLeft(width)) : m;
        }
    }

    /**
     * An integer of a given rank from 64 bits: two's complement for the ranks up to 64 bits;
     * sign-extended (signed) or zero-extended (unsigned) for the 128-bit ranks.
     */
    static ConstValue of(long bits, Rank rank) {
        if (rank.width == 128) {
            BigInteger v = BigInteger.valueOf(bits);
            return ofExact(rank.signed || bits >= 0 ? v : v.add(TWO_64), rank);
        }
        return new ConstValue(normalise(bits, rank), rank, Kind.INTEGER, 0, null);
    }

    /** An integer of a given rank from its exact value, converted to the rank as C converts. */
    static ConstValue ofExact(BigInteger value, Rank rank) {
        BigInteger v = rank.wrap(value);
        if (rank.width == 128) {
            return new ConstValue(v.longValue(), rank, Kind.INTEGER, 0, v);
        }
        return new ConstValue(normalise(v.longValue(), rank), rank, Kind.INTEGER, 0, null);
    }

    static ConstValue ofInt(long bits) {
        return of(bits, Rank.INT);
    }

    static ConstValue ofReal(double value) {
        return new ConstValue((long) value, Rank.LONG, Kind.FLOATING, value, null);
    }

    static long normalise(long bits, Rank rank) {
        return switch (rank) {
            case INT -> (int) bits;
            case UINT -> bits & 0xFFFF_FFFFL;
            default -> bits;
        };
    }

    /** Whether this is a floating value (only to be cast to an integer). */
    boolean floating() {
        return kind == Kind.FLOATING;
    }

    /** The exact value of an integer (or of a pointer's address). */
    BigInteger exact() {
        if (wide != null) {
            return wide;
        }
        BigInteger v = BigInteger.valueOf(bits);
        return !rank.signed && bits < 0 ? v.add(TWO_64) : v;
    }

    /** Whether the exact value is that of a C {@code int}. */
    boolean fitsInt() {
        return kind == Kind.INTEGER
                && (wide != null ? Rank.INT.holds(wide) : (rank.signed || bits >= 0) && bits == (int) bits);
    }

    /**
     * Whether the value survives being kept in 64 bits (how cdef keeps constants): {@link #of} gives
     * it back from {@link #bits} in its rank.
     */
    boolean fits64Bits() {
        return wide == null || wide.bitLength() <= (rank.signed ? 63 : 64);
    }

    /** The value as a {@code double}, as C converts an integer to it. */
    double toDouble() {
        if (floating()) {
            return real;
        }
        return wide != null || !rank.signed && bits < 0 ? exact().doubleValue() : bits;
    }

    /** Whether the value is non-zero (C truth). */
    boolean isTrue() {
        return floating() ? real != 0 : wide != null ? wide.signum() != 0 : bits != 0;
    }

    /** The common type of two operands, by C's usual arithmetic conversions (LP64, with __int128). */
    static Rank common(Rank a, Rank b) {
        for (Rank r : new Rank[] {Rank.UINT128, Rank.INT128, Rank.ULONG, Rank.LONG, Rank.UINT}) {
            if (a == r || b == r) {
                return r; // each rank holds every value of the ranks after it (long holds unsigned int)
            }
        }
        return Rank.INT;
    }

    /** The value converted to another integer rank. */
    ConstValue to(Rank r) {
        if (r.width == 128 || wide != null) {
            return ofExact(exact(), r);
        }
        return of(bits, r);
    }

    /** The value converted to an integer type of {@code bytes} bytes and the given signedness. */
    ConstValue castTo(int bytes, boolean signed, boolean isBool) {
        if (isBool) {
            return ofInt(isTrue() ? 1 : 0);
        }
        if (floating() && bytes > 8) {
            BigInteger truncated =
                    Double.isFinite(real) ? new java.math.BigDecimal(real).toBigInteger() : BigInteger.ZERO;
            return ofExact(truncated, Rank.of(bytes, signed));
        }
        long v = floating() ? (long) real : bits;
        if (bytes >= 8) {
            return floating() ? of(v, Rank.LONG).to(Rank.of(bytes, signed)) : to(Rank.of(bytes, signed));
        }
        int shift = 64 - bytes * 8;
        v = signed ? (v << shift) >> shift : (v << shift) >>> shift;
        return of(v, Rank.of(bytes, signed));
    }

    /** This value as a pointer (a cast to a pointer type): an address, not an integer constant. */
    ConstValue asPointer() {
        ConstValue v = to(Rank.ULONG);
        return new ConstValue(v.bits, Rank.ULONG, Kind.POINTER, 0, null);
    }

    /** Whether this is an unsigned value, compared unsigned. */
    boolean isUnsigned() {
        return !rank.signed;
    }

    /** The value as C source would write it, for messages. */
    String describe() {
        return floating() ? Double.toString(real) : exact().toString();
    }
}

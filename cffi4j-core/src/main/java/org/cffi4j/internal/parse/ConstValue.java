package org.cffi4j.internal.parse;

/**
 * A value of a C integer constant expression with its C type, so that arithmetic wraps and
 * compares as C's does ({@code ~0U} is 4294967295, {@code -1 < 0U} is 0).
 *
 * @param bits the value; for 32-bit types, normalised (sign- or zero-extended) to 64 bits
 * @param rank the promoted C type: one of the four ranks below
 * @param floating whether this is a floating constant (only to be cast to an integer)
 * @param real the value of a floating constant
 */
record ConstValue(long bits, Rank rank, boolean floating, double real) {

    /** The integer types constant arithmetic is done in (after promotion), on an LP64 platform. */
    enum Rank {
        INT(32, true),
        UINT(32, false),
        LONG(64, true),
        ULONG(64, false);

        final int width;
        final boolean signed;

        Rank(int width, boolean signed) {
            this.width = width;
            this.signed = signed;
        }

        static Rank of(int bytes, boolean signed) {
            if (bytes < 4) {
                return INT; // promoted
            }
            if (bytes == 4) {
                return signed ? INT : UINT;
            }
            return signed ? LONG : ULONG;
        }
    }

    static ConstValue of(long bits, Rank rank) {
        return new ConstValue(normalise(bits, rank), rank, false, 0);
    }

    static ConstValue ofInt(long bits) {
        return of(bits, Rank.INT);
    }

    static ConstValue ofReal(double value) {
        return new ConstValue((long) value, Rank.LONG, true, value);
    }

    static long normalise(long bits, Rank rank) {
        return switch (rank) {
            case INT -> (int) bits;
            case UINT -> bits & 0xFFFF_FFFFL;
            default -> bits;
        };
    }

    /** Whether the value is non-zero (C truth). */
    boolean isTrue() {
        return floating ? real != 0 : bits != 0;
    }

    /** The common type of two operands, by C's usual arithmetic conversions (LP64). */
    static Rank common(Rank a, Rank b) {
        if (a == Rank.ULONG || b == Rank.ULONG) {
            return Rank.ULONG;
        }
        if (a == Rank.LONG || b == Rank.LONG) {
            return Rank.LONG; // long holds every unsigned int
        }
        if (a == Rank.UINT || b == Rank.UINT) {
            return Rank.UINT;
        }
        return Rank.INT;
    }

    /** The value converted to another integer rank. */
    ConstValue to(Rank r) {
        return of(bits, r);
    }

    /** The value converted to an integer type of {@code bytes} bytes and the given signedness. */
    ConstValue castTo(int bytes, boolean signed, boolean isBool) {
        long v = floating ? (long) real : bits;
        if (isBool) {
            return ofInt(isTrue() ? 1 : 0);
        }
        if (bytes < 8) {
            int shift = 64 - bytes * 8;
            v = signed ? (v << shift) >> shift : (v << shift) >>> shift;
        }
        return of(v, Rank.of(bytes, signed));
    }

    /** Whether this is an unsigned value, compared unsigned. */
    boolean isUnsigned() {
        return !rank.signed;
    }
}

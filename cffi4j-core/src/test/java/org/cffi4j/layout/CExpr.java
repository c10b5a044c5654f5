package org.cffi4j.layout;

import java.math.BigInteger;

/**
 * A C integer constant expression as the random generator builds it: its text, its C type after
 * the integer promotions, and the interval its value lies in. The value itself need not be known
 * ({@code sizeof(struct s)} is only known to gcc); the interval is what proves that the
 * expression has no undefined behaviour (signed overflow, division by zero, bad shifts), so that
 * gcc and cdef must agree on it. The operations follow C11 6.3.1 and 6.5, with gcc's choices for
 * the implementation-defined parts (narrowing wraps, {@code >>} of a negative value is arithmetic).
 *
 * @param text the C text, fully parenthesized
 * @param type the promoted type
 * @param lo the least possible value
 * @param hi the greatest possible value
 */
record CExpr(String text, IType type, BigInteger lo, BigInteger hi) {

    /** The promoted integer types: every narrower type becomes int first. */
    enum IType {
        INT(32, true, "int"),
        UINT(32, false, "unsigned int"),
        LONG(64, true, "long"),
        ULONG(64, false, "unsigned long");

        final int bits;
        final boolean signed;
        final String cName;
        final BigInteger min;
        final BigInteger max;

        IType(int bits, boolean signed, String cName) {
            this.bits = bits;
            this.signed = signed;
            this.cName = cName;
            this.min = signed ? BigInteger.ONE.shiftLeft(bits - 1).negate() : BigInteger.ZERO;
            this.max = signed
                    ? BigInteger.ONE.shiftLeft(bits - 1).subtract(BigInteger.ONE)
                    : BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
        }

        boolean holds(BigInteger v) {
            return v.compareTo(min) >= 0 && v.compareTo(max) <= 0;
        }

        /** The value converted to this type: modulo 2^bits, as gcc converts. */
        BigInteger wrap(BigInteger v) {
            BigInteger m = v.mod(BigInteger.ONE.shiftLeft(bits));
            return signed && m.compareTo(max) > 0 ? m.subtract(BigInteger.ONE.shiftLeft(bits)) : m;
        }

        /** The usual arithmetic conversions of two promoted types (long holds every unsigned int). */
        static IType common(IType a, IType b) {
            if (a == b) {
                return a;
            }
            if (a == ULONG || b == ULONG) {
                return ULONG;
            }
            return a == LONG || b == LONG ? LONG : UINT;
        }
    }

    static CExpr exact(String text, IType type, long value) {
        return exact(text, type, BigInteger.valueOf(value));
    }

    static CExpr exact(String text, IType type, BigInteger value) {
        return new CExpr(text, type, value, value);
    }

    boolean isExact() {
        return lo.equals(hi);
    }

    boolean within(long min, long max) {
        return lo.compareTo(BigInteger.valueOf(min)) >= 0 && hi.compareTo(BigInteger.valueOf(max)) <= 0;
    }

    /** This expression's interval in type {@code t}: the same if it fits, else wrapped or all of t. */
    CExpr convert(IType t, String newText) {
        if (t.holds(lo) && t.holds(hi)) {
            return new CExpr(newText, t, lo, hi);
        }
        if (isExact()) {
            return exact(newText, t, t.wrap(lo));
        }
        return new CExpr(newText, t, t.min, t.max);
    }

    /** A result interval in type t; null (undefined behaviour) if a signed result may overflow. */
    static CExpr result(String text, IType t, BigInteger lo, BigInteger hi) {
        if (t.holds(lo) && t.holds(hi)) {
            return new CExpr(text, t, lo, hi);
        }
        if (t.signed) {
            return null;
        }
        return lo.equals(hi) ? exact(text, t, t.wrap(lo)) : new CExpr(text, t, t.min, t.max);
    }
}

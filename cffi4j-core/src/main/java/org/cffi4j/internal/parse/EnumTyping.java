package org.cffi4j.internal.parse;

import java.math.BigInteger;
import java.util.List;
import java.util.function.Function;
import org.cffi4j.CDefException;
import org.cffi4j.ctype.PrimitiveType;
import org.cffi4j.internal.layout.Primitives;

/**
 * gcc's rules for the types of enums and of their constants (gcc 12, C17 with GNU extensions; the
 * C front end's {@code build_enumerator} and {@code finish_enum}). While the enum is being defined,
 * a constant whose value fits {@code int} is an {@code int}; any other has the type of its value
 * ({@code 0x80000000} an {@code unsigned int}, {@code 1ULL << 33} an {@code unsigned long long},
 * {@code (__int128)1 << 64} an {@code __int128}). A constant without {@code =} is the previous one
 * plus one, computed in the previous one's type: if that wraps ({@code INT_MAX}, then one more),
 * it is gcc's error "overflow in enumeration values". The enum's type is then chosen from the
 * least and greatest values.
 */
final class EnumTyping {
    private EnumTyping() {}

    /** The value of the next constant, as each constant of the body is read. */
    static final class Next {
        private final PrimitiveType fixed;
        private ConstValue value;
        private ConstValue next = ConstValue.ofInt(0);
        private boolean overflow;
        private boolean known = true;

        /** For an enum whose underlying type is {@code fixed} ({@code enum e : short}), or null. */
        Next(PrimitiveType fixed) {
            this.fixed = fixed;
        }

        /** A constant given as {@code = value}. */
        void given(ConstValue v, Function<String, CDefException> error, String name) {
            if (v.kind() != ConstValue.Kind.INTEGER) {
                throw error.apply("enumerator value for '" + name + "' is not an integer constant");
            }
            known = true;
            set(v, error);
        }

        /** A constant given without a value: the previous one plus one. */
        void implicit(Function<String, CDefException> error) {
            if (!known) {
                value = null; // after "= ...", only the compiler knows
                return;
            }
            if (overflow) {
                throw error.apply("overflow in enumeration values");
            }
            set(next, error);
        }

        /** A constant given as {@code = ...}: only API mode knows its value. */
        void unknown() {
            known = false;
            value = null;
        }

        /** The current constant's value in its type, or null if only API mode knows it. */
        ConstValue current() {
            return value;
        }

        private void set(ConstValue v, Function<String, CDefException> error) {
            if (fixed != null) {
                ConstValue.Rank r = ConstValue.Rank.of((int) fixed.size(), fixed.signed());
                BigInteger max = fixed.kind() == PrimitiveType.Kind.BOOL
                        ? BigInteger.ONE
                        : BigInteger.ONE
                                .shiftLeft((int) fixed.size() * 8 - (fixed.signed() ? 1 : 0))
                                .subtract(BigInteger.ONE);
                BigInteger min = fixed.signed() ? max.add(BigInteger.ONE).negate() : BigInteger.ZERO;
                if (v.exact().compareTo(min) < 0 || v.exact().compareTo(max) > 0) {
                    throw error.apply("enumerator value outside the range of underlying type");
                }
                value = v.to(r);
                overflow = v.exact().equals(max);
                next = overflow ? value : ConstValue.ofExact(v.exact().add(BigInteger.ONE), r);
                return;
            }
            value = v.fitsInt() ? v.to(ConstValue.Rank.INT) : v;
            next = Arithmetic.apply("+", value, ConstValue.of(1, value.rank()), error);
            overflow = next.exact().compareTo(value.exact()) < 0;
        }
    }

    /**
     * The enum's underlying type, as gcc's {@code finish_enum} chooses it from the least and greatest
     * values: {@code unsigned int} if none is negative, else {@code int}, when the values fit; a
     * packed enum, or one whose values need more than 32 bits, gets the integer type of the bits
     * they need ({@code signed}/{@code unsigned char}, {@code short}, {@code int}, {@code long}).
     * Values that need 65 to 127 bits (negative ones mixed with ones above {@code LLONG_MAX}) give
     * {@code long long}, their values wrapped, as gcc does (with a warning).
     *
     * @throws CDefException (through {@code error}) for values that need exactly 128 bits: gcc makes
     *     the enum an {@code __int128}, whose constants cdef cannot keep
     */
    static PrimitiveType underlying(
            List<BigInteger> values, boolean packed, Function<String, CDefException> error, Primitives p) {
        BigInteger min = values.stream().min(BigInteger::compareTo).orElse(BigInteger.ZERO);
        BigInteger max = values.stream().max(BigInteger::compareTo).orElse(BigInteger.ZERO);
        boolean unsigned = min.signum() >= 0;
        int precision = Math.max(precision(min, unsigned), precision(max, unsigned));
        if (!packed && precision <= 32) {
            return p.get(unsigned ? "unsigned int" : "int");
        }
        String u = unsigned ? "unsigned " : "";
        if (precision <= 8) {
            return p.get(unsigned ? "unsigned char" : "signed char");
        }
        if (precision <= 16) {
            return p.get(u + "short");
        }
        if (precision <= 32) {
            return p.get(u + "int");
        }
        if (precision <= 64) {
            return p.int64(!u.isEmpty());
        }
        if (precision == 128) {
            throw error.apply("its values need a 128-bit integer type ('" + u + "__int128', as gcc makes it),"
                    + " and cdef keeps enum constants in 64 bits");
        }
        return p.get("long long"); // gcc: "enumeration values exceed range of largest integer"
    }

    // tree_int_cst_min_precision: the bits the value needs in a type of that signedness.
    private static int precision(BigInteger v, boolean unsigned) {
        return unsigned ? Math.max(1, v.bitLength()) : v.bitLength() + 1;
    }
}

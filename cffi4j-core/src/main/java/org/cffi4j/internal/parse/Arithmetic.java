package org.cffi4j.internal.parse;

import java.math.BigInteger;
import java.util.function.Function;
import org.cffi4j.CDefException;

/**
 * C's operators on {@link ConstValue}s, with C's conversions and wrap-around: in 64-bit
 * arithmetic for the types up to {@code long}, exactly for {@code __int128}.
 */
final class Arithmetic {
    private Arithmetic() {}

    static ConstValue unary(String op, ConstValue v) {
        if (v.floating()) {
            return switch (op) {
                case "-" -> ConstValue.ofReal(-v.real());
                case "!" -> ConstValue.ofInt(v.isTrue() ? 0 : 1);
                default -> v;
            };
        }
        if (v.rank().width == 128) {
            return switch (op) {
                case "-" -> ConstValue.ofExact(v.exact().negate(), v.rank());
                case "~" -> ConstValue.ofExact(v.exact().not(), v.rank());
                case "!" -> ConstValue.ofInt(v.isTrue() ? 0 : 1);
                default -> v;
            };
        }
        return switch (op) {
            case "-" -> ConstValue.of(-v.bits(), v.rank());
            case "~" -> ConstValue.of(~v.bits(), v.rank());
            case "!" -> ConstValue.ofInt(v.bits() == 0 ? 1 : 0);
            default -> v.kind() == ConstValue.Kind.POINTER ? v.to(v.rank()) : v;
        };
    }

    /** Applies a binary operator; {@code error} turns a message into the exception to throw. */
    static ConstValue apply(String op, ConstValue a, ConstValue b, Function<String, CDefException> error) {
        if (a.floating() || b.floating()) {
            return real(op, a, b, error);
        }
        if (op.equals("<<") || op.equals(">>")) {
            return shift(op, a, b, error);
        }
        ConstValue.Rank r = ConstValue.common(a.rank(), b.rank());
        if (r.width == 128) {
            return wide(op, a.to(r).exact(), b.to(r).exact(), r, error);
        }
        long x = ConstValue.normalise(a.bits(), r);
        long y = ConstValue.normalise(b.bits(), r);
        boolean unsigned = !r.signed;
        return switch (op) {
            case "+" -> ConstValue.of(x + y, r);
            case "-" -> ConstValue.of(x - y, r);
            case "*" -> ConstValue.of(x * y, r);
            case "/", "%" -> divide(op, x, y, r, error);
            case "&" -> ConstValue.of(x & y, r);
            case "|" -> ConstValue.of(x | y, r);
            case "^" -> ConstValue.of(x ^ y, r);
            case "&&" -> ConstValue.ofInt(x != 0 && y != 0 ? 1 : 0);
            case "||" -> ConstValue.ofInt(x != 0 || y != 0 ? 1 : 0);
            default ->
                ConstValue.ofInt(compare(op, unsigned ? Long.compareUnsigned(x, y) : Long.compare(x, y)) ? 1 : 0);
        };
    }

    private static ConstValue divide(
            String op, long x, long y, ConstValue.Rank r, Function<String, CDefException> error) {
        if (y == 0) {
            throw error.apply("division by zero in constant expression");
        }
        if (!r.signed) {
            return ConstValue.of(op.equals("/") ? Long.divideUnsigned(x, y) : Long.remainderUnsigned(x, y), r);
        }
        if (y == -1) {
            return ConstValue.of(op.equals("/") ? -x : 0, r); // INT_MIN / -1 wraps, as gcc folds it
        }
        return ConstValue.of(op.equals("/") ? x / y : x % y, r);
    }

    // __int128 arithmetic on exact values, wrapped to 128 bits.
    private static ConstValue wide(
            String op, BigInteger x, BigInteger y, ConstValue.Rank r, Function<String, CDefException> error) {
        if ((op.equals("/") || op.equals("%")) && y.signum() == 0) {
            throw error.apply("division by zero in constant expression");
        }
        return switch (op) {
            case "+" -> ConstValue.ofExact(x.add(y), r);
            case "-" -> ConstValue.ofExact(x.subtract(y), r);
            case "*" -> ConstValue.ofExact(x.multiply(y), r);
            case "/" -> ConstValue.ofExact(x.divide(y), r); // both truncate toward zero, as C
            case "%" -> ConstValue.ofExact(x.remainder(y), r);
            case "&" -> ConstValue.ofExact(x.and(y), r);
            case "|" -> ConstValue.ofExact(x.or(y), r);
            case "^" -> ConstValue.ofExact(x.xor(y), r);
            case "&&" -> ConstValue.ofInt(x.signum() != 0 && y.signum() != 0 ? 1 : 0);
            case "||" -> ConstValue.ofInt(x.signum() != 0 || y.signum() != 0 ? 1 : 0);
            default -> ConstValue.ofInt(compare(op, x.compareTo(y)) ? 1 : 0);
        };
    }

    // The result has the promoted type of the left operand; the count must be in its range.
    private static ConstValue shift(String op, ConstValue a, ConstValue b, Function<String, CDefException> error) {
        BigInteger count = b.exact();
        ConstValue.Rank r = a.rank();
        if (count.signum() < 0 || count.compareTo(BigInteger.valueOf(r.width)) >= 0) {
            throw error.apply("shift count " + count + " out of range for a " + r.width + "-bit value");
        }
        int n = count.intValue();
        if (r.width == 128) {
            BigInteger x = a.exact();
            return ConstValue.ofExact(op.equals("<<") ? x.shiftLeft(n) : x.shiftRight(n), r);
        }
        long x = ConstValue.normalise(a.bits(), r);
        if (op.equals("<<")) {
            return ConstValue.of(x << n, r);
        }
        return ConstValue.of(r.signed ? x >> n : x >>> n, r);
    }

    private static boolean compare(String op, int c) {
        return switch (op) {
            case "==" -> c == 0;
            case "!=" -> c != 0;
            case "<" -> c < 0;
            case ">" -> c > 0;
            case "<=" -> c <= 0;
            default -> c >= 0;
        };
    }

    private static ConstValue real(String op, ConstValue a, ConstValue b, Function<String, CDefException> error) {
        double x = a.toDouble();
        double y = b.toDouble();
        return switch (op) {
            case "+" -> ConstValue.ofReal(x + y);
            case "-" -> ConstValue.ofReal(x - y);
            case "*" -> ConstValue.ofReal(x * y);
            case "/" -> ConstValue.ofReal(x / y);
            case "==", "!=", "<", ">", "<=", ">=" -> ConstValue.ofInt(compare(op, Double.compare(x, y)) ? 1 : 0);
            case "&&" -> ConstValue.ofInt(x != 0 && y != 0 ? 1 : 0);
            case "||" -> ConstValue.ofInt(x != 0 || y != 0 ? 1 : 0);
            default -> throw error.apply("operator '" + op + "' needs integer operands");
        };
    }
}

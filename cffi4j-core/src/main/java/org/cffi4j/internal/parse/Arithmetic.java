package org.cffi4j.internal.parse;

import java.util.function.Function;
import org.cffi4j.CDefException;

/** C's integer operators on {@link ConstValue}s, with C's conversions and wrap-around. */
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
        return switch (op) {
            case "-" -> ConstValue.of(-v.bits(), v.rank());
            case "~" -> ConstValue.of(~v.bits(), v.rank());
            case "!" -> ConstValue.ofInt(v.bits() == 0 ? 1 : 0);
            default -> v;
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

    private static ConstValue shift(String op, ConstValue a, ConstValue b, Function<String, CDefException> error) {
        long count = b.bits();
        if (count < 0 || count >= a.rank().width) {
            throw error.apply("shift count " + count + " out of range for a " + a.rank().width + "-bit value");
        }
        long x = a.bits();
        if (op.equals("<<")) {
            return ConstValue.of(x << count, a.rank());
        }
        return ConstValue.of(a.rank().signed ? x >> count : x >>> count, a.rank());
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
        double x = a.floating() ? a.real() : a.bits();
        double y = b.floating() ? b.real() : b.bits();
        return switch (op) {
            case "+" -> ConstValue.ofReal(x + y);
            case "-" -> ConstValue.ofReal(x - y);
            case "*" -> ConstValue.ofReal(x * y);
            case "/" -> ConstValue.ofReal(x / y);
            case "==", "!=", "<", ">", "<=", ">=" -> ConstValue.ofInt(compare(op, Double.compare(x, y)) ? 1 : 0);
            default -> throw error.apply("operator '" + op + "' needs integer operands");
        };
    }
}

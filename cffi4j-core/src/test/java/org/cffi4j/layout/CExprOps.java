package org.cffi4j.layout;

import java.math.BigInteger;
import java.util.List;
import java.util.stream.Stream;
import org.cffi4j.layout.CExpr.IType;

/**
 * The C operators on {@link CExpr}s. Each returns the resulting expression, or null when the
 * operation could have undefined behaviour for some value in its operands' intervals.
 */
final class CExprOps {
    private CExprOps() {}

    /** A binary operator: {@code + - * / % << >> & | ^ < > <= >= == != && ||}. */
    static CExpr binary(String op, CExpr a, CExpr b) {
        String text = "(" + a.text() + " " + op + " " + b.text() + ")";
        return switch (op) {
            case "<<", ">>" -> shift(op, a, b, text);
            case "<", ">", "<=", ">=", "==", "!=", "&&", "||" ->
                new CExpr(text, IType.INT, BigInteger.ZERO, BigInteger.ONE);
            default -> arithmetic(op, a, b, text);
        };
    }

    private static CExpr arithmetic(String op, CExpr a0, CExpr b0, String text) {
        IType t = IType.common(a0.type(), b0.type());
        CExpr a = a0.convert(t, a0.text());
        CExpr b = b0.convert(t, b0.text());
        return switch (op) {
            case "+", "-", "*" -> corners(op, a, b, t, text);
            case "/", "%" -> divide(op, a, b, t, text);
            default -> bitwise(op, a, b, t, text);
        };
    }

    // + - * are monotone in each operand, so the interval's corners bound the result.
    private static CExpr corners(String op, CExpr a, CExpr b, IType t, String text) {
        List<BigInteger> c = Stream.of(a.lo(), a.hi())
                .flatMap(x -> Stream.of(b.lo(), b.hi()).map(y -> apply(op, x, y)))
                .toList();
        BigInteger lo = c.stream().min(BigInteger::compareTo).orElseThrow();
        BigInteger hi = c.stream().max(BigInteger::compareTo).orElseThrow();
        return CExpr.result(text, t, lo, hi);
    }

    private static BigInteger apply(String op, BigInteger x, BigInteger y) {
        return switch (op) {
            case "+" -> x.add(y);
            case "-" -> x.subtract(y);
            case "*" -> x.multiply(y);
            case "/" -> x.divide(y); // truncates toward zero, as C
            default -> x.remainder(y); // takes the dividend's sign, as C
        };
    }

    // Only a known divisor: no zero, no INT_MIN / -1.
    private static CExpr divide(String op, CExpr a, CExpr b, IType t, String text) {
        if (!b.isExact() || b.lo().signum() == 0 || t.signed && b.lo().equals(BigInteger.ONE.negate())) {
            return null;
        }
        if (a.isExact()) {
            return CExpr.result(text, t, apply(op, a.lo(), b.lo()), apply(op, a.lo(), b.lo()));
        }
        if (op.equals("/")) {
            return corners("/", a, b, t, text);
        }
        BigInteger m = b.lo().abs().subtract(BigInteger.ONE);
        return CExpr.result(
                text, t, a.lo().signum() < 0 ? m.negate() : BigInteger.ZERO, a.hi().signum() > 0 ? m : BigInteger.ZERO);
    }

    private static CExpr bitwise(String op, CExpr a, CExpr b, IType t, String text) {
        if (a.isExact() && b.isExact()) {
            BigInteger v = switch (op) {
                case "&" -> a.lo().and(b.lo());
                case "|" -> a.lo().or(b.lo());
                default -> a.lo().xor(b.lo());
            };
            return CExpr.exact(text, t, t.wrap(v));
        }
        if (a.lo().signum() >= 0 && b.lo().signum() >= 0) {
            BigInteger top = a.hi().max(b.hi());
            BigInteger hi = op.equals("&")
                    ? a.hi().min(b.hi())
                    : BigInteger.ONE.shiftLeft(top.bitLength()).subtract(BigInteger.ONE);
            return new CExpr(text, t, BigInteger.ZERO, hi);
        }
        return new CExpr(text, t, t.min, t.max);
    }

    // The left operand keeps its own promoted type; the count must be known and in range.
    private static CExpr shift(String op, CExpr a, CExpr b, String text) {
        IType t = a.type();
        if (!b.isExact() || b.lo().signum() < 0 || b.lo().compareTo(BigInteger.valueOf(t.bits)) >= 0) {
            return null;
        }
        int n = b.lo().intValue();
        if (op.equals(">>")) {
            return new CExpr(text, t, a.lo().shiftRight(n), a.hi().shiftRight(n));
        }
        if (t.signed && a.lo().signum() < 0) {
            return null; // C11 6.5.7: a negative left operand of << is undefined
        }
        return CExpr.result(text, t, a.lo().shiftLeft(n), a.hi().shiftLeft(n));
    }

    /** A unary operator: {@code - ~ ! +}. */
    static CExpr unary(String op, CExpr a) {
        String text = "(" + op + a.text() + ")";
        IType t = a.type();
        return switch (op) {
            case "!" -> new CExpr(text, IType.INT, BigInteger.ZERO, BigInteger.ONE);
            case "+" -> new CExpr(text, t, a.lo(), a.hi());
            case "~" ->
                t.signed
                        ? new CExpr(text, t, a.hi().not(), a.lo().not())
                        : new CExpr(text, t, t.max.subtract(a.hi()), t.max.subtract(a.lo()));
            default -> negate(a, t, text);
        };
    }

    private static CExpr negate(CExpr a, IType t, String text) {
        if (t.signed || a.isExact()) {
            return CExpr.result(text, t, a.hi().negate(), a.lo().negate());
        }
        if (a.lo().signum() > 0) {
            BigInteger m = BigInteger.ONE.shiftLeft(t.bits);
            return new CExpr(text, t, m.subtract(a.hi()), m.subtract(a.lo()));
        }
        return new CExpr(text, t, t.min, t.max);
    }

    /** {@code c ? a : b}: the arms meet in their common type; both must be free of undefined behaviour. */
    static CExpr conditional(CExpr c, CExpr a, CExpr b) {
        IType t = IType.common(a.type(), b.type());
        CExpr x = a.convert(t, a.text());
        CExpr y = b.convert(t, b.text());
        return new CExpr(
                "(" + c.text() + " ? " + a.text() + " : " + b.text() + ")", t, x.lo().min(y.lo()), x.hi().max(y.hi()));
    }

    /** A cast to a C integer type of {@code bits} width; narrow results promote back to int. */
    static CExpr cast(String cType, int bits, boolean signed, CExpr a) {
        String text = "((" + cType + ")" + a.text() + ")";
        if (cType.equals("_Bool")) {
            boolean zero = a.isExact() && a.lo().signum() == 0;
            boolean nonZero = a.lo().signum() > 0 || a.hi().signum() < 0;
            return new CExpr(
                    text,
                    IType.INT,
                    zero || nonZero ? BigInteger.valueOf(nonZero ? 1 : 0) : BigInteger.ZERO,
                    zero ? BigInteger.ZERO : BigInteger.ONE);
        }
        IType wide = bits == 64 ? (signed ? IType.LONG : IType.ULONG) : (signed ? IType.INT : IType.UINT);
        CExpr converted = a.convert(wide, text);
        if (bits >= 32) {
            return converted;
        }
        BigInteger span = BigInteger.ONE.shiftLeft(bits);
        BigInteger min = signed ? span.shiftRight(1).negate() : BigInteger.ZERO;
        BigInteger max = signed ? span.shiftRight(1).subtract(BigInteger.ONE) : span.subtract(BigInteger.ONE);
        if (converted.lo().compareTo(min) >= 0 && converted.hi().compareTo(max) <= 0) {
            return new CExpr(text, IType.INT, converted.lo(), converted.hi());
        }
        if (converted.isExact()) {
            BigInteger m = converted.lo().mod(span);
            return CExpr.exact(text, IType.INT, signed && m.compareTo(max) > 0 ? m.subtract(span) : m);
        }
        return new CExpr(text, IType.INT, min, max); // narrow types promote to int
    }
}

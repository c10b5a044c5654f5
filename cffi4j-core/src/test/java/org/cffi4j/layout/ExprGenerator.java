package org.cffi4j.layout;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.cffi4j.layout.CExpr.IType;

/**
 * Random C integer constant expressions free of undefined behaviour: literals in every notation
 * (suffixes, hex, octal, character constants), enum constants and macros in scope, {@code sizeof}
 * and {@code _Alignof} of types, casts, and every unary, binary and conditional operator.
 */
final class ExprGenerator {
    private static final String[] BINARY = {
        "+", "-", "*", "/", "%", "<<", ">>", "&", "|", "^", "<", ">", "<=", ">=", "==", "!=", "&&", "||"
    };
    private static final String[] UNARY = {"-", "~", "!", "+"};
    // C name, bits, signed
    private static final Object[][] CASTS = {
        {"char", 8, true},
        {"signed char", 8, true},
        {"unsigned char", 8, false},
        {"short", 16, true},
        {"unsigned short", 16, false},
        {"int", 32, true},
        {"unsigned", 32, false},
        {"long", 64, true},
        {"unsigned long", 64, false},
        {"long long", 64, true},
        {"unsigned long long", 64, false},
        {"_Bool", 1, false}
    };

    private final SplittableRandom rnd;
    private final List<CExpr> names = new ArrayList<>();
    private final List<CExpr> typeQueries = new ArrayList<>();
    private final List<CExpr> recordQueries = new ArrayList<>();

    ExprGenerator(SplittableRandom rnd) {
        this.rnd = rnd;
    }

    /** Makes a named constant (an int enum constant, a macro) usable in later expressions. */
    void addName(String name, CExpr value) {
        names.add(new CExpr(name, value.type(), value.lo(), value.hi()));
    }

    /** Makes {@code sizeof(type)} and {@code _Alignof(type)} usable, with their known bounds. */
    void addType(String cType, long sizeLo, long sizeHi, long alignLo, long alignHi) {
        // Types whose size only gcc knows (records, enums) get their own, likelier, pick.
        List<CExpr> list = sizeLo == sizeHi ? typeQueries : recordQueries;
        list.add(new CExpr(
                "sizeof(" + cType + ")", IType.ULONG, BigInteger.valueOf(sizeLo), BigInteger.valueOf(sizeHi)));
        list.add(new CExpr(
                "_Alignof(" + cType + ")", IType.ULONG, BigInteger.valueOf(alignLo), BigInteger.valueOf(alignHi)));
    }

    /** Any expression of at most {@code depth} operator levels. */
    CExpr any(int depth) {
        for (int attempt = 0; ; attempt++) {
            CExpr e = attempt > 50 ? leaf() : tryGenerate(depth);
            if (e != null) {
                return e;
            }
        }
    }

    /** An expression whose value surely lies in [min, max], wrapped into the range if need be. */
    CExpr inRange(long min, long max, int depth) {
        for (int attempt = 0; attempt < 30; attempt++) {
            CExpr e = any(depth);
            if (e.within(min, max)) {
                return e;
            }
        }
        CExpr e = any(depth);
        long span = max - min + 1;
        CExpr mod = CExprOps.binary(
                "%", CExprOps.cast("unsigned long", 64, false, e), CExpr.exact(span + "UL", IType.ULONG, span));
        return CExprOps.binary("+", mod, literal(min));
    }

    private CExpr tryGenerate(int depth) {
        if (depth <= 0 || rnd.nextInt(10) < 3) {
            return leaf();
        }
        return switch (rnd.nextInt(10)) {
            case 0, 1 ->
                CExprOps.unary(
                        UNARY[rnd.nextInt(UNARY.length)], tryGenerate(depth - 1) instanceof CExpr a ? a : leaf());
            case 2 -> cast(depth);
            case 3 -> CExprOps.conditional(any(depth - 1), any(depth - 1), any(depth - 1));
            default -> CExprOps.binary(BINARY[rnd.nextInt(BINARY.length)], any(depth - 1), any(depth - 1));
        };
    }

    private CExpr cast(int depth) {
        Object[] c = CASTS[rnd.nextInt(CASTS.length)];
        return CExprOps.cast((String) c[0], (Integer) c[1], (Boolean) c[2], any(depth - 1));
    }

    private CExpr leaf() {
        int pick = rnd.nextInt(10);
        if (pick < 2 && !names.isEmpty()) {
            return names.get(rnd.nextInt(names.size()));
        }
        if (pick < 3 && !recordQueries.isEmpty()) {
            return recordQueries.get(rnd.nextInt(recordQueries.size()));
        }
        if (pick < 4 && !typeQueries.isEmpty()) {
            return typeQueries.get(rnd.nextInt(typeQueries.size()));
        }
        if (pick == 4) {
            return charLiteral();
        }
        return literal(rnd.nextInt(4) == 0 ? rnd.nextLong() >>> rnd.nextInt(1, 64) : rnd.nextInt(-3, 40));
    }

    /** A literal of value v in a random notation; negative values are a negated literal. */
    CExpr literal(long v) {
        if (v == Long.MIN_VALUE) {
            return CExpr.exact("(-9223372036854775807L - 1)", IType.LONG, v);
        }
        if (v < 0) {
            CExpr e = CExprOps.unary("-", literal(-v));
            return e != null ? e : CExpr.exact("(-" + -v + "L)", IType.LONG, v);
        }
        BigInteger value = BigInteger.valueOf(v);
        return switch (rnd.nextInt(6)) {
            case 0 -> suffixed("0x" + Long.toHexString(v), value, true);
            case 1 -> suffixed(v == 0 ? "0" : "0" + Long.toOctalString(v), value, true);
            default -> suffixed(Long.toString(v), value, false);
        };
    }

    // C11 6.4.4.1: a literal's type is the first of its list that holds the value.
    private CExpr suffixed(String digits, BigInteger v, boolean hexOrOctal) {
        String[] suffixes = {"", "u", "U", "l", "L", "ul", "UL", "lu", "ll", "LL", "ull", "uLL"};
        String suffix = rnd.nextInt(3) == 0 ? suffixes[rnd.nextInt(suffixes.length)] : "";
        boolean unsigned = suffix.toLowerCase().contains("u");
        boolean isLong = suffix.toLowerCase().contains("l");
        List<IType> candidates = unsigned
                ? List.of(IType.UINT, IType.ULONG)
                : hexOrOctal ? List.of(IType.INT, IType.UINT, IType.LONG, IType.ULONG) : List.of(IType.INT, IType.LONG);
        for (IType t : candidates) {
            if (t.holds(v) && !(isLong && t.bits == 32)) {
                return CExpr.exact(digits + suffix, t, v);
            }
        }
        return CExpr.exact(digits + "UL", IType.ULONG, v);
    }

    private CExpr charLiteral() {
        String[][] chars = {
            {"'a'", "97"},
            {"'0'", "48"},
            {"'\\n'", "10"},
            {"'\\0'", "0"},
            {"'\\x7f'", "127"},
            {"'\\xff'", "-1"},
            {"'\\377'", "-1"},
            {"'\\\\'", "92"},
            {"'\\''", "39"},
            {"' '", "32"}
        };
        String[] c = chars[rnd.nextInt(chars.length)];
        return CExpr.exact(c[0], IType.INT, Long.parseLong(c[1])); // plain char is signed on x86-64
    }
}

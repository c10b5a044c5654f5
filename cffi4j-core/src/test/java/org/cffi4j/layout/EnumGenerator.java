package org.cffi4j.layout;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.cffi4j.layout.SetScope.TypeRef;

/**
 * Random enums: constants given by expressions or implicitly, negative, beyond {@code int} and
 * up to 64 bits, packed or not, tagged or anonymous behind a typedef. Each constant's value and
 * each enum's size, alignment and signedness are asked of gcc and cdef.
 */
final class EnumGenerator {
    private static final BigInteger INT_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
    private static final BigInteger INT_MAX = BigInteger.valueOf(Integer.MAX_VALUE);

    private final SetScope s;

    EnumGenerator(SetScope scope) {
        this.s = scope;
    }

    /** Writes one enum definition and registers its type and its int-valued constants. */
    void enumeration() {
        boolean packed = s.chance(20);
        boolean typedef = s.chance(25);
        String tag = typedef && s.chance(50) ? null : s.name("e");
        StringBuilder text = new StringBuilder(typedef ? "typedef enum" : "enum");
        boolean leadPacked = packed && s.chance(50);
        text.append(leadPacked ? " " + s.attribute("packed") : "")
                .append(tag == null ? "" : " " + tag)
                .append(" {");
        List<BigInteger[]> values = constants(text);
        text.append(" }").append(packed && !leadPacked ? " " + s.attribute("packed") : "");
        String spelling = tag == null ? null : "enum " + tag;
        if (typedef) {
            spelling = s.name("t");
            text.append(' ').append(spelling);
        }
        s.text.append(text).append(";\n");
        s.addType(TypeRef.scalar(spelling, bitfieldBits(values, packed), 0, 8));
        s.exprs.addType(spelling, 1, 8, 1, 8);
        s.ask("SIZE", spelling, List.of());
        s.ask("ALIGN", spelling, List.of());
        s.ask("SIGNED", spelling, List.of());
    }

    // Each constant as {lo, hi}. Negative values mixed with ones above LLONG_MAX make a long long
    // enum whose values wrap (gcc warns): they are generated too.
    private List<BigInteger[]> constants(StringBuilder text) {
        List<BigInteger[]> values = new ArrayList<>();
        CExpr previous = null;
        int count = 1 + s.rnd.nextInt(5);
        for (int i = 0; i < count; i++) {
            String name = s.name("K");
            CExpr value = value(previous);
            previous = value;
            text.append(i == 0 ? " " : ", ").append(name);
            if (!value.text().isEmpty()) {
                text.append(" = ").append(value.text());
            }
            values.add(new BigInteger[] {value.lo(), value.hi()});
            if (value.lo().compareTo(INT_MIN) >= 0 && value.hi().compareTo(INT_MAX) <= 0) {
                s.exprs.addName(name, new CExpr(name, CExpr.IType.INT, value.lo(), value.hi()));
            }
            s.ask("CONST", name, List.of());
        }
        return values;
    }

    // An empty text means "implicitly the previous value plus one".
    private CExpr value(CExpr previous) {
        for (int attempt = 0; ; attempt++) {
            CExpr e = candidate(previous);
            boolean intLike = e.within(Integer.MIN_VALUE, Integer.MAX_VALUE) && e.type() == CExpr.IType.INT;
            boolean ok = e.isExact() || e.within(0, Integer.MAX_VALUE);
            if (ok && (intLike || attempt > 3 || s.chance(40))) {
                return e;
            }
        }
    }

    // gcc gives a constant that fits int the type int, else its expression's type; the implicit
    // next value is computed in that type, and overflowing it is an error.
    private CExpr candidate(CExpr previous) {
        if (previous != null && previous.isExact() && s.chance(35)) {
            CExpr.IType t = previous.within(Integer.MIN_VALUE, Integer.MAX_VALUE) ? CExpr.IType.INT : previous.type();
            BigInteger next = previous.lo().add(BigInteger.ONE);
            if (t.holds(next)) {
                return CExpr.exact("", t, next);
            }
        }
        return switch (s.rnd.nextInt(6)) {
            case 0 -> s.exprs.literal(-1 - s.rnd.nextInt(1 << s.rnd.nextInt(1, 31)));
            case 1 -> s.exprs.literal(s.rnd.nextLong(1L << s.rnd.nextInt(8, 63)));
            case 2 ->
                CExpr.exact(
                        "0xFFFFFFFFFFFFFFFFULL",
                        CExpr.IType.ULONG,
                        BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE));
            default -> s.exprs.any(3);
        };
    }

    // The widest bitfield of the enum's underlying type, from a safe lower bound of its size: a
    // value known only as an interval counts as its least value.
    private static int bitfieldBits(List<BigInteger[]> values, boolean packed) {
        BigInteger lo =
                values.stream().map(v -> v[0]).min(BigInteger::compareTo).orElseThrow();
        BigInteger hi = values.stream()
                .map(v -> v[0].equals(v[1]) ? v[1] : v[0])
                .max(BigInteger::compareTo)
                .orElseThrow();
        if (!packed) {
            boolean fits32 =
                    lo.signum() < 0 ? lo.compareTo(INT_MIN) >= 0 && hi.compareTo(INT_MAX) <= 0 : hi.bitLength() <= 32;
            return fits32 ? 32 : 64;
        }
        int bits = Math.max(lo.signum() < 0 ? lo.not().bitLength() + 1 : 0, hi.bitLength() + (lo.signum() < 0 ? 1 : 0));
        return bits <= 8 ? 8 : bits <= 16 ? 16 : bits <= 32 ? 32 : 64;
    }
}

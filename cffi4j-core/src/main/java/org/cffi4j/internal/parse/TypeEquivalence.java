package org.cffi4j.internal.parse;

import java.util.List;
import org.cffi4j.ctype.ArrayType;
import org.cffi4j.ctype.CType;
import org.cffi4j.ctype.EnumType;
import org.cffi4j.ctype.Field;
import org.cffi4j.ctype.FunctionType;
import org.cffi4j.ctype.PointerType;
import org.cffi4j.ctype.StructType;

/**
 * Whether two declarations of the same name declare the same thing, so that declaring it again
 * (pasting the same header twice, or two headers sharing a typedef) is accepted. Tagged types
 * compare by identity; anonymous ones by their members, since each declaration makes a new one.
 */
final class TypeEquivalence {
    private static final int MAX_DEPTH = 64;

    private TypeEquivalence() {}

    static boolean same(CType a, CType b) {
        return same(a, b, 0);
    }

    private static boolean same(CType a, CType b, int depth) {
        if (a.equals(b)) {
            return true;
        }
        if (depth > MAX_DEPTH) {
            return false;
        }
        int d = depth + 1;
        return switch (a) {
            case PointerType p when b instanceof PointerType q ->
                p.targetQualifiers() == q.targetQualifiers() && same(p.target(), q.target(), d);
            case ArrayType x when b instanceof ArrayType y -> x.length() == y.length() && same(x.element(), y.element(), d);
            case FunctionType f when b instanceof FunctionType g -> sameFunction(f, g, d);
            case StructType s when b instanceof StructType t -> s.tag() == null && t.tag() == null && sameBody(s, t, d);
            case EnumType e when b instanceof EnumType f -> e.tag() == null && f.tag() == null && e.values().equals(f.values())
                    && e.isComplete() && f.isComplete() && e.underlying().equals(f.underlying());
            default -> false;
        };
    }

    private static boolean sameFunction(FunctionType f, FunctionType g, int d) {
        if (f.variadic() != g.variadic() || f.params().size() != g.params().size() || !same(f.returnType(), g.returnType(), d)) {
            return false;
        }
        for (int i = 0; i < f.params().size(); i++) {
            if (!same(f.params().get(i).type(), g.params().get(i).type(), d)) {
                return false;
            }
        }
        return true;
    }

    /** Whether two struct or union types have the same members at the same places. */
    static boolean sameBody(StructType s, StructType t, int d) {
        if (s.kind() != t.kind() || s.state() != t.state()) {
            return false;
        }
        if (s.state() != StructType.State.COMPLETE && s.state() != StructType.State.PARTIAL) {
            return true;
        }
        List<Field> a = s.fields();
        List<Field> b = t.fields();
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            Field x = a.get(i);
            Field y = b.get(i);
            if (!java.util.Objects.equals(x.name(), y.name()) || x.byteOffset() != y.byteOffset()
                    || x.bitOffset() != y.bitOffset() || x.bitWidth() != y.bitWidth() || !same(x.type(), y.type(), d)) {
                return false;
            }
        }
        return s.state() == StructType.State.PARTIAL || s.byteSize() == t.byteSize() && s.byteAlignment() == t.byteAlignment();
    }
}

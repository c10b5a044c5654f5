package org.cffi4j.internal.parse;

import org.cffi4j.ctype.CType;
import org.cffi4j.ctype.EnumType;
import org.cffi4j.ctype.StructType;
import org.cffi4j.internal.TypeAccess;
import org.cffi4j.internal.decl.Declaration;
import org.cffi4j.internal.decl.TypeEquivalence;

/**
 * Enters declarations into the table with C's redeclaration rules: declaring the same thing again
 * is accepted, declaring something different under the same name is an error (unless the cdef
 * allows overriding).
 */
final class Registrar {
    private final ParseContext ctx;
    private final TokenStream ts;

    Registrar(ParseContext ctx) {
        this.ctx = ctx;
        this.ts = ctx.tokens;
    }

    /** Declares an ordinary identifier. */
    void declare(Token at, Declaration d) {
        Declaration existing = ctx.table.lookup(d.name()).orElse(null);
        if (existing == null || ctx.options.allowOverride()) {
            ctx.table.putOrdinary(d);
            ctx.table.noteLocation(d.name(), ts.location(at));
            return;
        }
        Declaration merged = merge(existing, d);
        if (merged == null) {
            throw ts.error(
                    at,
                    "conflicting declaration of '" + d.name() + "': it was declared as '" + existing.describe()
                            + "' and is now '" + d.describe() + "'");
        }
        ctx.table.putOrdinary(merged);
    }

    /** Declares a typedef name, naming an anonymous struct, union or enum after it. */
    void typedef(Token at, String name, CType type) {
        typedef(at, name, type, 0);
    }

    /** Declares a typedef name that carries qualifiers ({@code typedef volatile int spin_t;}). */
    void typedef(Token at, String name, CType type, int qualifiers) {
        if (isUnnamed(type)) {
            // The type may be older than this cdef (__typeof__): the name is published with the cdef.
            TypeAccess.mutators().nameAnonymous(type, name);
        }
        declare(at, new Declaration.Typedef(name, type, qualifiers));
    }

    private static boolean isUnnamed(CType t) {
        return (t instanceof StructType s && s.tag() == null || t instanceof EnumType e && e.tag() == null)
                && t.toString().contains("$");
    }

    // The declaration to keep when the same name is declared twice, or null if they conflict.
    private static Declaration merge(Declaration a, Declaration b) {
        return switch (a) {
            case Declaration.Typedef x
            when b instanceof Declaration.Typedef y ->
                x.qualifiers() == y.qualifiers() && TypeEquivalence.same(x.type(), y.type()) ? x : null;
            case Declaration.Function x
            when b instanceof Declaration.Function y ->
                TypeEquivalence.same(x.type(), y.type())
                        ? new Declaration.Function(
                                x.name(),
                                x.type(),
                                x.symbol().equals(x.name()) ? y.symbol() : x.symbol(),
                                x.hasBody() || y.hasBody())
                        : null;
            case Declaration.Variable x when b instanceof Declaration.Variable y -> sameVariable(x, y) ? x : null;
            case Declaration.Constant x
            when b instanceof Declaration.Constant y -> x.value() == y.value() && x.apiMode() == y.apiMode() ? x : null;
            default -> null;
        };
    }

    private static boolean sameVariable(Declaration.Variable x, Declaration.Variable y) {
        return TypeEquivalence.same(x.type(), y.type())
                || x.type() instanceof org.cffi4j.ctype.ArrayType a
                        && y.type() instanceof org.cffi4j.ctype.ArrayType b
                        && TypeEquivalence.same(a.element(), b.element())
                        && (!a.hasLength() || !b.hasLength());
    }

    /**
     * The type a tag definition ({@code struct s {...}}) stands for: {@code fresh} for a new tag, or
     * the earlier type when {@code fresh} is an identical redefinition.
     */
    CType redefinition(Token tag, CType existing, CType fresh) {
        boolean same =
                existing instanceof StructType s && fresh instanceof StructType f && TypeEquivalence.sameBody(s, f)
                        || existing instanceof EnumType e
                                && fresh instanceof EnumType g
                                && e.values().equals(g.values())
                                && e.isPartial() == g.isPartial();
        if (same) {
            return existing;
        }
        if (ctx.options.allowOverride()) {
            ctx.table.putTag(tag.text(), fresh);
            return fresh;
        }
        throw ts.error(tag, "redefinition of '" + existing + "' with a different body");
    }
}

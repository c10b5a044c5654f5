package org.cffi4j.internal.parse;

import java.util.ArrayList;
import java.util.List;
import org.cffi4j.ctype.CType;
import org.cffi4j.ctype.EnumType;
import org.cffi4j.ctype.Enumerator;
import org.cffi4j.ctype.PrimitiveType;
import org.cffi4j.internal.TypeAccess;
import org.cffi4j.internal.layout.Primitives;

/**
 * Parses enum specifiers. Each constant is declared as soon as it is read (later ones may use it),
 * and the underlying integer type is chosen from the values as gcc does.
 */
final class EnumParser {
    private final ParseContext ctx;
    private final TokenStream ts;

    EnumParser(ParseContext ctx) {
        this.ctx = ctx;
        this.ts = ctx.tokens;
    }

    CType enumeration(DeclSpecs specs) {
        Token keyword = ts.next();
        Attributes attrs = new Attributes();
        ctx.attributes.parse(attrs);
        Token tagToken = ts.at(Token.Kind.IDENTIFIER) && !ctx.attributes.atAttribute() ? ts.next() : null;
        PrimitiveType fixed = null;
        // "enum e : unsigned char {" fixes the type; "enum e : 3;" is a bitfield member of type enum e.
        if (ts.at(":") && ctx.specifiers.startsTypeName(ts.peek(1))) {
            ts.next();
            fixed = fixedUnderlying(ctx.specifiers.typeName(), keyword);
        }
        if (!ts.at("{")) {
            if (tagToken == null) {
                throw ts.expected("'{' or a tag name after 'enum'");
            }
            return reference(tagToken);
        }
        specs.definesTag = true;
        EnumType existing = tagToken == null ? null : existingTag(tagToken);
        if (existing == null && tagToken != null && !ctx.table.isScratch()) {
            // a type name mentioned it ("enum e *"): that type is the one completed
            existing = ctx.table.undeclaredTag("enum " + tagToken.text(), () -> null) instanceof EnumType e
                            && !e.isComplete()
                    ? e
                    : null;
        }
        EnumType target = existing != null && !existing.isComplete() ? existing : null;
        if (target == null) {
            String name = tagToken != null ? "enum " + tagToken.text() : ctx.table.anonymousName("enum");
            target = EnumType.declare(tagToken == null ? null : tagToken.text(), name);
            if (tagToken != null && existing == null) {
                ctx.table.putTag(tagToken.text(), target);
            }
        } else if (ctx.table.tag(tagToken.text()).isEmpty()) {
            ctx.table.putTag(tagToken.text(), target);
        }
        Values values = body(target);
        ctx.attributes.parse(attrs);
        PrimitiveType underlying = fixed != null ? fixed : underlying(values, attrs.packed || ctx.options.allPacked());
        TypeAccess.mutators().complete(target, values.list, underlying, values.partial);
        return existing != null && existing != target ? ctx.registrar.redefinition(tagToken, existing, target) : target;
    }

    private EnumType existingTag(Token tag) {
        CType existing = ctx.table.tag(tag.text()).orElse(null);
        if (existing != null && !(existing instanceof EnumType)) {
            throw ts.error(tag, "'" + tag.text() + "' defined as wrong kind of tag: it is '" + existing + "'");
        }
        return (EnumType) existing;
    }

    private PrimitiveType fixedUnderlying(CType t, Token at) {
        if (t instanceof PrimitiveType p && p.isIntegral() && p.isComplete()) {
            return p;
        }
        throw ts.error(at, "the underlying type of an enum must be an integer type, not '" + t + "'");
    }

    private CType reference(Token tag) {
        EnumType existing = existingTag(tag);
        if (existing == null) {
            existing =
                    (EnumType) ctx.table.undeclaredTag("enum " + tag.text(), () -> EnumType.declare(tag.text(), null));
            ctx.table.putTag(tag.text(), existing);
        }
        return existing;
    }

    private static final class Values {
        final List<Enumerator> list = new ArrayList<>();
        boolean partial;
        boolean anyNegative;
        boolean anyHugeUnsigned; // above Long.MAX_VALUE
    }

    private Values body(EnumType type) {
        Token open = ts.expect("{");
        Values v = new Values();
        ConstValue next = ConstValue.ofInt(0);
        boolean known = true;
        List<String> implicit = new ArrayList<>();
        while (!ts.accept("}")) {
            if (ts.accept("...")) {
                v.partial = true;
                ts.accept(",");
                continue;
            }
            if (!ts.at(Token.Kind.IDENTIFIER)) {
                throw ts.expected(
                        ts.at(Token.Kind.END_OF_INPUT) ? "'}' to close the enum opened here" : "an enumerator name");
            }
            Token nameToken = ts.next();
            String outer = ts.declarationName();
            ts.declaring(nameToken.text());
            ctx.attributes.parse(new Attributes());
            if (!ts.at("=")) {
                implicit.add(nameToken.text());
            }
            if (ts.accept("=")) {
                if (ts.at("...") && (ts.peek(1).is(",") || ts.peek(1).is("}"))) {
                    ts.next();
                    known = false;
                    v.partial = true;
                } else {
                    next = ctx.expressions.constant();
                    known = true;
                }
            }
            declare(type, v, nameToken, next, known);
            ts.declaring(outer);
            next = Arithmetic.apply("+", next, ConstValue.ofInt(1), msg -> ts.error(nameToken, msg));
            if (!ts.accept(",") && !ts.at("}")) {
                throw ts.expected("',' or '}' after enumerator '" + nameToken.text() + "'");
            }
        }
        if (v.list.isEmpty() && !v.partial) {
            throw ts.error(open, "empty enum: an enum needs at least one constant");
        }
        if (v.partial) {
            // CFFI: in "enum e { A, B, ... };" the compiler gives every value not written out.
            v.list.removeIf(e -> implicit.contains(e.name()));
            for (String name : implicit) {
                ctx.table.replace(new Declaration.Constant(name, 0, type, true));
            }
        }
        return v;
    }

    private void declare(EnumType type, Values v, Token name, ConstValue value, boolean known) {
        long bits = value.floating() ? (long) value.real() : value.bits();
        if (known) {
            boolean negative = !value.isUnsigned() && bits < 0;
            v.anyNegative |= negative;
            v.anyHugeUnsigned |= value.isUnsigned() && bits < 0;
            v.list.add(new Enumerator(name.text(), bits));
        }
        ctx.registrar.declare(name, new Declaration.Constant(name.text(), bits, type, !known));
    }

    // gcc: unsigned int if all values fit it and none is negative, int if all fit int; otherwise the
    // 64-bit type; a packed enum takes the smallest type that holds all values.
    private PrimitiveType underlying(Values v, boolean packed) {
        Primitives p = Primitives.current();
        if (v.anyHugeUnsigned) {
            if (v.anyNegative) {
                throw ts.error(ts.peek(), "enum values do not fit in any integer type");
            }
            return p.get("unsigned long");
        }
        long min = v.list.stream().mapToLong(Enumerator::value).min().orElse(0);
        long max = v.list.stream().mapToLong(Enumerator::value).max().orElse(0);
        String[][] candidates = packed
                ? new String[][] {
                    {"signed char", "unsigned char"},
                    {"short", "unsigned short"},
                    {"int", "unsigned int"},
                    {"long", "unsigned long"}
                }
                : new String[][] {{"int", "unsigned int"}, {"long", "unsigned long"}};
        for (String[] pair : candidates) {
            PrimitiveType signed = p.get(pair[0]);
            long bits = signed.size() * 8;
            if (min >= 0 && bits < 64 && max < (1L << bits)) {
                return p.get(pair[1]);
            }
            if (min >= 0 && bits == 64) {
                return p.get(pair[1]);
            }
            long lo = -(1L << (bits - 1));
            long hi = (1L << (bits - 1)) - 1;
            if (bits == 64 || min >= lo && max <= hi) {
                return signed;
            }
        }
        return p.get("long");
    }
}

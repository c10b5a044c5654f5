package org.cffi4j.internal.parse;

import java.util.ArrayList;
import java.util.List;
import org.cffi4j.ctype.CType;
import org.cffi4j.ctype.EnumType;
import org.cffi4j.ctype.Enumerator;
import org.cffi4j.ctype.PrimitiveType;
import org.cffi4j.internal.TypeAccess;
import org.cffi4j.internal.decl.Declaration;

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
        Values values = body(target, fixed);
        ctx.attributes.parse(attrs);
        PrimitiveType underlying = fixed != null
                ? fixed
                : ctx.table.abi().enumsAreInt()
                        ? ctx.primitives.get("int")
                        : EnumTyping.underlying(
                                values.exactValues(),
                                attrs.packed || ctx.options.allPacked(),
                                error(keyword, target),
                                ctx.primitives);
        values.finish(target, underlying);
        TypeAccess.mutators().complete(target, values.list, underlying, values.partial);
        return existing != null && existing != target ? ctx.registrar.redefinition(tagToken, existing, target) : target;
    }

    private java.util.function.Function<String, org.cffi4j.CDefException> error(Token at, EnumType target) {
        return message -> ts.error(at, "'" + target + "': " + message);
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

    /** The constants of one enum, as its body is read. */
    private final class Values {
        final List<Enumerator> list = new ArrayList<>();
        // Each known constant's value, in the type it has while the enum is being defined.
        final List<ConstValue> typed = new ArrayList<>();
        final List<Token> names = new ArrayList<>();
        boolean partial;

        List<java.math.BigInteger> exactValues() {
            return typed.stream().map(ConstValue::exact).toList();
        }

        // gcc's finish_enum: a constant that had type int keeps it, the others take the enum's type
        // (their values converted to it); the enum's values are then final.
        void finish(EnumType type, PrimitiveType underlying) {
            list.clear();
            ConstValue.Rank rank = ConstValue.Rank.of((int) underlying.size(), underlying.signed());
            for (int i = 0; i < typed.size(); i++) {
                ConstValue v = typed.get(i);
                boolean isInt = v.rank() == ConstValue.Rank.INT;
                long value = isInt ? v.bits() : v.to(rank).bits();
                String name = names.get(i).text();
                list.add(new Enumerator(name, value));
                ctx.table.replace(new Declaration.Constant(
                        name, value, isInt ? Directives.typeOf(v.rank(), ctx.primitives) : type, false));
                ctx.enumeratorsBeingDefined.remove(name);
            }
        }
    }

    private Values body(EnumType type, PrimitiveType fixed) {
        Token open = ts.expect("{");
        Values v = new Values();
        EnumTyping.Next next = new EnumTyping.Next(fixed);
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
            if (ts.accept("=")) {
                if (ts.at("...") && (ts.peek(1).is(",") || ts.peek(1).is("}"))) {
                    ts.next();
                    next.unknown();
                    v.partial = true;
                } else {
                    next.given(ctx.expressions.constant(), message -> ts.error(nameToken, message), nameToken.text());
                }
            } else {
                implicit.add(nameToken.text());
                next.implicit(message -> ts.error(nameToken, message));
            }
            declare(type, v, nameToken, next);
            ts.declaring(outer);
            if (!ts.accept(",") && !ts.at("}")) {
                throw ts.expected("',' or '}' after enumerator '" + nameToken.text() + "'");
            }
        }
        if (v.names.isEmpty() && !v.partial) {
            throw ts.error(open, "empty enum: an enum needs at least one constant");
        }
        if (v.partial) {
            // CFFI: in "enum e { A, B, ... };" the compiler gives every value not written out.
            for (int i = v.names.size() - 1; i >= 0; i--) {
                if (implicit.contains(v.names.get(i).text())) {
                    ctx.enumeratorsBeingDefined.remove(v.names.remove(i).text());
                    v.typed.remove(i);
                }
            }
            for (String name : implicit) {
                ctx.table.replace(new Declaration.Constant(name, 0, type, true));
            }
        }
        return v;
    }

    // Declares the constant at once, with the type and exact value of its value: the next ones may
    // use it (an __int128 value too, until the enum ends).
    private void declare(EnumType type, Values v, Token name, EnumTyping.Next next) {
        ConstValue value = next.current();
        if (value == null) {
            ctx.registrar.declare(name, new Declaration.Constant(name.text(), 0, type, true));
            return;
        }
        v.typed.add(value);
        v.names.add(name);
        ctx.registrar.declare(
                name,
                new Declaration.Constant(
                        name.text(), value.bits(), Directives.typeOf(value.rank(), ctx.primitives), false));
        ctx.enumeratorsBeingDefined.put(name.text(), value);
    }
}

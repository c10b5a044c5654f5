package org.cffi4j.internal.parse;

import org.cffi4j.ctype.CType;
import org.cffi4j.ctype.Qualifiers;

/**
 * Parses declaration specifiers ({@code static const unsigned long int}, {@code struct s {...}},
 * a typedef name, {@code __typeof__(x)}) and type names ({@code const char *}, {@code int(*)[5]}).
 */
final class SpecifierParser {
    private final ParseContext ctx;
    private final TokenStream ts;

    SpecifierParser(ParseContext ctx) {
        this.ctx = ctx;
        this.ts = ctx.tokens;
    }

    /** Whether {@code t} can start a type name (in a cast, sizeof, parameter list...). */
    boolean startsTypeName(Token t) {
        if (t.kind() != Token.Kind.IDENTIFIER) {
            return false;
        }
        String s = t.text();
        return Keywords.isTypeKeyword(s)
                || Keywords.QUALIFIERS.contains(s)
                || Keywords.TYPEOF.contains(s)
                || s.equals("_Atomic")
                || s.equals("__extension__")
                || Keywords.ATTRIBUTE.contains(s)
                || ctx.typedefs.isTypedefName(s);
    }

    /** Whether {@code t} can start declaration specifiers. */
    boolean startsSpecifiers(Token t) {
        return t.kind() == Token.Kind.IDENTIFIER
                && (Keywords.startsSpecifiers(t.text()) || ctx.typedefs.isTypedefName(t.text()));
    }

    /** A type name: specifiers and an abstract declarator, e.g. {@code const char *}. */
    CType typeName() {
        return typeName(DeclaratorParser.Mode.ABSTRACT);
    }

    /**
     * A type name whose declarator may carry a name, as CFFI's type names may: {@code void foo()},
     * {@code int(*callback)(bool x)} (the name is ignored).
     */
    CType typeNameMaybeNamed() {
        return typeName(DeclaratorParser.Mode.EITHER);
    }

    private CType typeName(DeclaratorParser.Mode mode) {
        ts.enter(); // type names nest in their own specifiers: __typeof__(_Atomic(int _Alignas(...)))
        try {
            Token start = ts.peek();
            DeclSpecs specs = specifiers(false);
            if (specs.storage != null) {
                throw ts.error(start, "a type name cannot have a storage class ('" + specs.storage + "')");
            }
            Declarator d = ctx.declarators.declarator(mode);
            Attributes attrs = new Attributes();
            attrs.merge(specs.attributes);
            attrs.merge(d.attributes);
            return d.apply(Vectors.apply(specs.type, attrs, ts, ctx.primitives), specs.qualifiers, ts);
        } finally {
            ts.leave();
        }
    }

    /** Parses declaration specifiers; {@code storageAllowed} is false in type names and members. */
    DeclSpecs specifiers(boolean storageAllowed) {
        DeclSpecs specs = new DeclSpecs();
        specs.start = ts.peek();
        TypeSpecifierSet set = new TypeSpecifierSet(ts, ctx.primitives);
        CType defined = null; // a struct, union or enum defined here, with its body
        while (true) {
            Token t = ts.peek();
            if (t.kind() != Token.Kind.IDENTIFIER) {
                break;
            }
            String s = t.text();
            if (defined != null && (Keywords.BASIC_TYPES.contains(s) || Keywords.TAGS.contains(s))) {
                throw ts.error(t, "expected ';' after the body of '" + defined + "' (before '" + t.text() + "')");
            }
            if (ctx.attributes.atAttribute() || Keywords.ALIGNAS.contains(s)) {
                ctx.attributes.parse(specs.attributes);
            } else if (Keywords.STORAGE.contains(s)) {
                storage(specs, ts.next());
            } else if (Keywords.FUNCTION_SPECIFIERS.contains(s)) {
                ts.next();
                specs.inline |= s.contains("inline");
            } else if (Keywords.QUALIFIERS.contains(s)) {
                ts.next();
                specs.qualifiers |= qualifierFlag(s);
            } else if (s.equals("_Atomic")) {
                atomic(specs, set);
            } else if (Keywords.BASIC_TYPES.contains(s)) {
                set.add(ts.next());
            } else if (s.equals("struct") || s.equals("union")) {
                CType record = ctx.records.structOrUnion(specs);
                set.setNamed(record, t);
                specs.taggedType = true;
                defined = specs.definesTag ? record : null;
            } else if (s.equals("enum")) {
                CType enumeration = ctx.records.enumeration(specs);
                set.setNamed(enumeration, t);
                specs.taggedType = true;
                defined = specs.definesTag ? enumeration : null;
            } else if (Keywords.TYPEOF.contains(s)) {
                set.setNamed(typeofSpecifier(), t);
            } else if (!set.hasAny() && ctx.typedefs.isTypedefName(s)) {
                ts.next();
                set.setNamed(ctx.typedefs.type(s).orElseThrow(), t);
                specs.qualifiers |= ctx.typedefs.qualifiers(s); // typedef volatile int spin_t;
            } else {
                break;
            }
        }
        if (!set.hasAny()) {
            throw missingType(specs);
        }
        specs.type = set.resolve(specs.attributes);
        if (!storageAllowed && specs.storage != null && !specs.storage.equals("register")) {
            throw ts.error(specs.start, "storage class '" + specs.storage + "' is not allowed here");
        }
        return specs;
    }

    private org.cffi4j.CDefException missingType(DeclSpecs specs) {
        Token t = ts.peek();
        if (t.kind() == Token.Kind.IDENTIFIER && !Keywords.startsSpecifiers(t.text())) {
            Token after = ts.peek(1);
            // An identifier then another, a '*', or the end of a type name (typeOf("size_tt"), a
            // parameter "f(size_tt)") can only be meant as a type: say which names are near.
            if (after.kind() == Token.Kind.IDENTIFIER
                    || after.is("*")
                    || after.is("(") && specs.storage != null
                    || after.kind() == Token.Kind.END_OF_INPUT
                    || after.is(")")
                    || after.is(",")) {
                return ts.error(t, ctx.typedefs.unknown(t.text()));
            }
            return ts.error(t, "'" + t.text() + "' has no type (unknown type name, or a missing type before it)");
        }
        return ts.expected("a type");
    }

    private void storage(DeclSpecs specs, Token t) {
        String s = t.text();
        if (s.equals("__thread") || s.equals("_Thread_local") || s.equals("thread_local")) {
            specs.threadLocal = true;
            return;
        }
        if (specs.storage != null && !specs.storage.equals(s)) {
            throw ts.error(t, "multiple storage classes in declaration ('" + specs.storage + "' and '" + s + "')");
        }
        specs.storage = s;
    }

    private static int qualifierFlag(String s) {
        return Qualifiers.of(s); // the nullability words (_Nonnull...) change nothing
    }

    // _Atomic as a qualifier, or _Atomic(type-name) as a specifier. Same layout as the plain type here.
    private void atomic(DeclSpecs specs, TypeSpecifierSet set) {
        Token t = ts.next();
        if (ts.at("(")) {
            ts.next();
            set.setNamed(typeName(), t);
            ts.expect(")");
        }
    }

    // __typeof__(type-name) or __typeof__(declared-name)
    private CType typeofSpecifier() {
        Token at = ts.next();
        ts.expect("(");
        CType t;
        if (startsTypeName(ts.peek())) {
            t = typeName();
        } else {
            t = ctx.expressions.typeOfOperand(at);
        }
        ts.expect(")");
        return t;
    }
}

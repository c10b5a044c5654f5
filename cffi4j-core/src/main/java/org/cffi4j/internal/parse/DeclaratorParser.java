package org.cffi4j.internal.parse;

import java.util.ArrayList;
import java.util.List;
import org.cffi4j.CDefException;
import org.cffi4j.ctype.ArrayType;
import org.cffi4j.ctype.Param;
import org.cffi4j.ctype.Qualifiers;
import org.cffi4j.ctype.VoidType;

/**
 * Parses declarators, concrete ({@code *name[3]}) and abstract ({@code (*)(int)}), with their
 * array and parameter-list suffixes.
 */
final class DeclaratorParser {
    /** Whether a declarator must, may or must not name something. */
    enum Mode {
        NAMED,
        ABSTRACT,
        EITHER
    }

    private final ParseContext ctx;
    private final TokenStream ts;
    // How many parameter lists the declarator being parsed is in: their arrays may have lengths
    // that are not constants.
    private int parameterDepth;

    DeclaratorParser(ParseContext ctx) {
        this.ctx = ctx;
        this.ts = ctx.tokens;
    }

    Declarator declarator(Mode mode) {
        ts.enter();
        try {
            Declarator d = new Declarator(ctx.primitives);
            pointers(d);
            direct(d, mode);
            suffixes(d);
            ctx.attributes.parse(d.attributes);
            return d;
        } finally {
            ts.leave();
        }
    }

    private void pointers(Declarator d) {
        ctx.attributes.parse(d.attributes);
        while (ts.accept("*")) {
            int quals = 0;
            while (true) {
                Token t = ts.peek();
                if (t.kind() == Token.Kind.IDENTIFIER && Keywords.QUALIFIERS.contains(t.text())) {
                    ts.next();
                    quals |= Qualifiers.of(t.text());
                } else if (t.is("_Atomic")) {
                    ts.next();
                } else if (!ctx.attributes.parse(d.attributes)) {
                    break;
                }
            }
            d.pointers.add(new Declarator.Pointer(quals));
        }
    }

    private void direct(Declarator d, Mode mode) {
        Token t = ts.peek();
        if (t.kind() == Token.Kind.IDENTIFIER && mode != Mode.ABSTRACT && !isReservedWord(t.text())) {
            d.nameToken = ts.next();
            d.name = t.text();
            if (ts.declarationName() == null) {
                ts.declaring(d.name);
            }
            return;
        }
        if (t.is("(") && startsNestedDeclarator(mode)) {
            ts.next();
            d.inner = declarator(mode);
            d.name = d.inner.name; // the name sits in the innermost declarator: "(*name)(int)"
            d.nameToken = d.inner.nameToken;
            d.nameSlot = d.inner.nameSlot;
            ts.expect(")");
            return;
        }
        d.nameSlot = t;
        if (mode == Mode.NAMED) {
            throw ts.expected(
                    t.kind() == Token.Kind.IDENTIFIER
                            ? "a name to declare ('" + t.text() + "' is a keyword)"
                            : "a name to declare");
        }
    }

    private static boolean isReservedWord(String s) {
        return Keywords.startsSpecifiers(s) && !Keywords.IGNORED.contains(s)
                || Keywords.ASM.contains(s)
                || s.equals("sizeof");
    }

    // After '(' in a declarator: a nested declarator "(*f)" or, in an abstract one, a parameter list "(int)".
    private boolean startsNestedDeclarator(Mode mode) {
        Token next = ts.peek(1);
        if (mode == Mode.NAMED) {
            return true;
        }
        if (next.is(")")
                || next.is("...")
                || ctx.specifiers.startsSpecifiers(next) && !ctx.attributes.atAttributeAt(next)) {
            return false;
        }
        return next.is("*") || next.is("(") || next.is("[") || next.is("^") || next.kind() == Token.Kind.IDENTIFIER;
    }

    private void suffixes(Declarator d) {
        while (true) {
            if (ts.at("[")) {
                d.suffixes.add(array());
            } else if (ts.at("(")) {
                d.suffixes.add(parameters());
            } else {
                return;
            }
        }
    }

    private Declarator.Array array() {
        Token open = ts.expect("[");
        while (ts.peek().kind() == Token.Kind.IDENTIFIER
                && (Keywords.QUALIFIERS.contains(ts.peek().text()) || ts.peek().is("static"))) {
            ts.next(); // "int a[static 3]", "int a[restrict n]" in parameters: no effect on the type
        }
        if (ts.accept("]")) {
            return new Declarator.Array(ArrayType.UNKNOWN_LENGTH, open);
        }
        if (ts.at("...") && ts.peek(1).is("]")) {
            ts.next();
            ts.next();
            return new Declarator.Array(ArrayType.API_MODE_LENGTH, open);
        }
        if (ts.at("*") && ts.peek(1).is("]")) {
            if (parameterDepth > 0) {
                ts.next();
                ts.next();
                return new Declarator.Array(Declarator.VARIABLE_LENGTH, open);
            }
            throw ts.error(ts.peek(), "variable-length arrays ('[*]') have no fixed layout");
        }
        Token at = ts.peek();
        TokenStream.Mark mark = ts.mark();
        try {
            long length = ctx.expressions.arrayLength(at, ctx.expressions.constant());
            ts.expect("]");
            return new Declarator.Array(length, open);
        } catch (CDefException notConstant) {
            // C99: the length of a parameter's array may name an earlier parameter ("int p[restrict n]",
            // "p[*size]"); C passes such an array as a pointer, so the length does not matter.
            if (parameterDepth == 0 || !skipToClosingBracket(mark)) {
                throw notConstant;
            }
            return new Declarator.Array(Declarator.VARIABLE_LENGTH, open);
        }
    }

    // Rewinds to the length and skips it up to its ']': whether it is a balanced expression there.
    private boolean skipToClosingBracket(TokenStream.Mark mark) {
        ts.reset(mark);
        int depth = 0;
        while (true) {
            Token t = ts.peek();
            if (t.kind() == Token.Kind.END_OF_INPUT || t.is(";") || t.is("{") || t.is("}")) {
                return false;
            }
            ts.next();
            if (t.is("(") || t.is("[")) {
                depth++;
            } else if (t.is(")") || t.is("]")) {
                if (depth-- == 0) {
                    return t.is("]");
                }
            }
        }
    }

    private Declarator.Function parameters() {
        Token open = ts.expect("(");
        List<Param> params = new ArrayList<>();
        if (ts.accept(")")) {
            return new Declarator.Function(params, false, open, List.of()); // "f()" is read as "f(void)", as in CFFI
        }
        boolean variadic = false;
        String outer = ts.declarationName();
        List<Declarator> declarators = new ArrayList<>();
        do {
            if (ts.at("...")) {
                if (params.isEmpty()) {
                    throw ts.error(ts.peek(), "ISO C requires a named argument before '...'");
                }
                ts.next();
                variadic = true;
                break;
            }
            Token start = ts.peek();
            Param p = parameter(declarators);
            if (p.type() instanceof VoidType) {
                voidParameter(p, start, params.isEmpty() && ts.at(")"));
                ts.expect(")");
                ts.declaring(outer);
                return new Declarator.Function(params, false, open, List.of()); // f(void), or f(V) with typedef void V
            }
            params.add(p);
        } while (ts.accept(","));
        ts.expect(")");
        ts.declaring(outer);
        return new Declarator.Function(params, variadic, open, declarators);
    }

    // "void" (or a typedef of it) alone, unnamed and unqualified, means "no parameters"; anything else is an error.
    private void voidParameter(Param p, Token start, boolean alone) {
        if (!alone) {
            throw ts.error(start, "'void' must be the only parameter");
        }
        if (p.name() != null) {
            throw ts.error(start, "parameter '" + p.name() + "' has type void");
        }
        if (lastParameterQualifiers != 0) {
            throw ts.error(start, "'void' as only parameter may not be qualified");
        }
    }

    private int lastParameterQualifiers;

    private Param parameter(List<Declarator> declarators) {
        Token start = ts.peek();
        if (!ctx.specifiers.startsSpecifiers(start)) {
            if (start.kind() == Token.Kind.IDENTIFIER) {
                throw ts.error(start, ctx.typedefs.unknown(start.text()));
            }
            throw ts.expected("a parameter declaration");
        }
        String outer = ts.declarationName();
        DeclSpecs specs = ctx.specifiers.specifiers(false);
        Declarator d;
        parameterDepth++;
        try {
            d = declarator(Mode.EITHER);
        } finally {
            parameterDepth--;
        }
        declarators.add(d);
        ts.declaring(outer);
        Attributes attrs = new Attributes();
        attrs.merge(specs.attributes);
        attrs.merge(d.attributes);
        Declarator.Applied applied =
                d.applyQualified(Vectors.apply(specs.type, attrs, ts, ctx.primitives), specs.qualifiers, ts);
        lastParameterQualifiers = applied.qualifiers();
        return new Param(d.name, d.adjustParameter(applied.type(), applied.qualifiers()));
    }
}

package org.cffi4j.internal.parse;

import java.util.List;
import org.cffi4j.CdefOptions;
import org.cffi4j.ctype.ArrayType;
import org.cffi4j.ctype.CType;
import org.cffi4j.ctype.FunctionType;
import org.cffi4j.ctype.PrimitiveType;
import org.cffi4j.ctype.Qualifiers;
import org.cffi4j.ctype.StructType;
import org.cffi4j.ctype.VoidType;
import org.cffi4j.internal.decl.Declaration;
import org.cffi4j.internal.decl.DeclarationTable;
import org.cffi4j.internal.decl.Spelling;

/**
 * The cdef parser: reads C declarations ({@code gcc -E} output included) into a {@link DeclarationTable}.
 * One pass, linear in the input: lexing, then recursive descent whose depth is bounded.
 */
public final class CdefParser {
    private final ParseContext ctx;
    private final TokenStream ts;

    private CdefParser(String source, String fileName, DeclarationTable table, CdefOptions options) {
        SourceMap map = new SourceMap(source, fileName);
        Diagnostics diagnostics = new Diagnostics(map);
        List<Token> tokens = new Lexer(source, map, diagnostics).tokenize();
        this.ts = new TokenStream(tokens, diagnostics);
        this.ctx = new ParseContext(ts, table, options);
    }

    /**
     * Parses {@code source} into {@code table} (a fork the caller keeps only on success).
     *
     * @throws org.cffi4j.CDefException on any error, with its location
     */
    public static void parse(String source, DeclarationTable table, CdefOptions options) {
        table.within(() -> {
            new CdefParser(source, "cdef", table, options).translationUnit();
            return null;
        });
    }

    /**
     * Parses a type name such as {@code "int(*)[5]"} against the declarations of {@code table}; as in
     * CFFI, its declarator may name what it declares ({@code "int(*callback)(int x)"}).
     */
    public static CType typeName(String text, DeclarationTable table) {
        return table.within(() -> new CdefParser(text, "type", table, CdefOptions.defaults()).wholeTypeName());
    }

    private CType wholeTypeName() {
        CType t = ctx.specifiers.typeNameMaybeNamed();
        if (!ts.at(Token.Kind.END_OF_INPUT)) {
            throw ts.error(ts.peek(), "unexpected " + ts.peek().describe() + " after the type name");
        }
        return t;
    }

    private void translationUnit() {
        while (!ts.at(Token.Kind.END_OF_INPUT)) {
            ts.declaring(null);
            Token t = ts.peek();
            switch (t.kind()) {
                case DEFINE -> ctx.directives.define();
                case PRAGMA -> ctx.directives.pragma();
                default -> {
                    if (ts.accept(";")) {
                        continue;
                    }
                    if (t.is("_Static_assert") || t.is("static_assert")) {
                        ctx.directives.staticAssert();
                    } else if (t.is("extern") && ts.peek(1).kind() == Token.Kind.STRING) {
                        linkageSpecification();
                    } else if (t.kind() == Token.Kind.IDENTIFIER && Keywords.ASM.contains(t.text())) {
                        ctx.attributes.asmLabel(); // a top-level asm statement: nothing to declare
                        ts.expect(";");
                    } else {
                        declaration();
                    }
                }
            }
        }
    }

    // extern "Java" int f(int);  extern "Java" { ... }  (and extern "C", which changes nothing in C)
    private void linkageSpecification() {
        ts.next();
        Token language = ts.next();
        String name = Literals.string(language, ts);
        boolean forC = name.equals("Java+C") || name.equals("C+Java"); // CFFI's "Python+C"
        if (!name.equals("Java") && !name.equals("C") && !forC) {
            throw ts.error(
                    language,
                    "unknown linkage \"" + name + "\": only extern \"Java\" (functions implemented in"
                            + " Java, API mode), extern \"Java+C\" (the same, callable from other C files too) and"
                            + " extern \"C\" are known");
        }
        boolean java = name.equals("Java") || forC;
        if (ts.accept("{")) {
            while (!ts.accept("}")) {
                if (ts.at(Token.Kind.END_OF_INPUT)) {
                    throw ts.error(language, "missing '}' for this extern \"" + name + "\" block");
                }
                ts.declaring(null);
                externDeclaration(java, forC);
            }
        } else {
            externDeclaration(java, forC);
        }
    }

    private void externDeclaration(boolean java, boolean forC) {
        if (!java) {
            declaration();
            return;
        }
        Token start = ts.peek();
        int specStart = ts.index();
        DeclSpecs specs = ctx.specifiers.specifiers(true);
        int declStart = ts.index();
        Declarator d = ctx.declarators.declarator(DeclaratorParser.Mode.NAMED);
        Spelling spelling = SpellingReader.of(ts.slice(specStart, declStart), ts.slice(declStart, ts.index()), d);
        if (!(d.apply(specs.type, specs.qualifiers, ts) instanceof FunctionType f)) {
            throw ts.error(start, "extern \"Java\" declares functions only ('" + d.name + "' is not a function)");
        }
        if (f.variadic()) {
            throw ts.error(start, "an extern \"Java\" function cannot be variadic ('" + d.name + "')");
        }
        ts.expect(";");
        declareFunction(d, f, null, false, spelling);
        ctx.table.markExternJava(d.name, forC);
    }

    private void declaration() {
        Token start = ts.peek();
        if (start.is("#")) {
            throw ts.error(start, "a preprocessor directive must start a line");
        }
        if (!ctx.specifiers.startsSpecifiers(start) && start.kind() != Token.Kind.IDENTIFIER) {
            throw ts.expected("a declaration");
        }
        if (start.is("typedef") && ts.peek(1).is("...")) {
            opaqueTypedef();
            return;
        }
        int specStart = ts.index();
        DeclSpecs specs = ctx.specifiers.specifiers(true);
        int specEnd = ts.index();
        if (specs.isTypedef() && ts.at("...")) {
            unknownArithmeticTypedef(specs);
            return;
        }
        if (ts.accept(";")) {
            return; // "struct s;", "struct s {...};", "enum e {...};"
        }
        boolean first = true;
        do {
            ts.declaring(null);
            int declStart = ts.index();
            Declarator d = ctx.declarators.declarator(DeclaratorParser.Mode.NAMED);
            int declEnd = ts.index();
            Attributes attrs = new Attributes();
            attrs.merge(specs.attributes);
            attrs.merge(d.attributes);
            String asm = trailer(attrs);
            int trailerEnd = ts.index();
            Declarator.Applied applied =
                    d.applyQualified(Vectors.apply(specs.type, attrs, ts, ctx.primitives), specs.qualifiers, ts);
            CType type = attrs.mode != null && d.attributes.mode != null
                    ? TypeSpecifierSet.Modes.apply(applied.type(), attrs.mode, ts, d.nameToken, ctx.primitives)
                    : applied.type();
            if (specs.isTypedef()) {
                boolean fresh = ctx.table.lookup(d.name).isEmpty() || ctx.options.allowOverride();
                ctx.registrar.typedef(
                        d.nameToken, d.name, aligned(type, attrs, d.nameToken, d.name), applied.qualifiers());
                if (fresh) { // for API mode, which checks it against the source's
                    ctx.table.noteSpelling(
                            d.name,
                            SpellingReader.ofTypedef(ts.slice(specStart, specEnd), ts.slice(declStart, trailerEnd), d));
                }
            } else if (type instanceof FunctionType f) {
                Spelling spelling = SpellingReader.of(ts.slice(specStart, specEnd), ts.slice(declStart, declEnd), d);
                if (first && ts.at("{")) {
                    ts.skipBalanced(); // a function body (static inline in a header): declared, not callable in
                    // ABI mode
                    declareFunction(d, f, asm, true, spelling);
                    return;
                }
                declareFunction(d, f, asm, false, spelling);
            } else {
                variable(specs, d, type, applied.qualifiers(), asm);
            }
            first = false;
        } while (ts.accept(","));
        ts.expect(";");
    }

    // CFFI's "typedef ... name;": an opaque type that only API mode can complete.
    private void opaqueTypedef() {
        ts.next();
        ts.next();
        Declarator d = ctx.declarators.declarator(DeclaratorParser.Mode.NAMED);
        CType base = d.pointers.isEmpty() && d.suffixes.isEmpty() && d.inner == null
                ? StructType.opaque(d.name)
                : StructType.opaque("$" + d.name);
        ctx.registrar.typedef(d.nameToken, d.name, d.apply(base, 0, ts));
        ts.expect(";");
    }

    // CFFI's "typedef int... name;" and "typedef float... name;": sizes only API mode can tell.
    private void unknownArithmeticTypedef(DeclSpecs specs) {
        Token dots = ts.next();
        Token name = ts.expect(Token.Kind.IDENTIFIER, "a type name after '...'");
        ts.declaring(name.text());
        if (!(specs.type instanceof PrimitiveType p) || !(p.isIntegral() || p.kind() == PrimitiveType.Kind.FLOATING)) {
            throw ts.error(
                    dots,
                    "only 'typedef int... name;' and 'typedef float... name;' are allowed, not '" + specs.type
                            + "...'");
        }
        if (p.kind() == PrimitiveType.Kind.FLOATING && p.size() > 8) {
            throw ts.error(
                    dots,
                    "'typedef " + p + "... " + name.text() + ";' is not allowed: 'typedef float...' stands for"
                            + " float or double, and '" + p + "' cannot be left open (as in CFFI); declare the"
                            + " type itself");
        }
        PrimitiveType.Kind kind =
                p.isIntegral() ? PrimitiveType.Kind.UNKNOWN_INTEGER : PrimitiveType.Kind.UNKNOWN_FLOATING;
        ctx.registrar.typedef(name, name.text(), new PrimitiveType(name.text(), kind, true, -1, -1));
        ts.expect(";");
    }

    // After a declarator: any number of __asm__("label") and __attribute__((...)), in any order.
    private String trailer(Attributes attrs) {
        String asm = null;
        while (true) {
            String label = ctx.attributes.asmLabel();
            if (label != null) {
                asm = label;
            } else if (!ctx.attributes.parse(attrs)) {
                return asm;
            }
        }
    }

    // gcc: aligned(N) on a typedef gives the type alignment N (up or down) and keeps its size; for
    // a struct, the typedef names the same struct type with that alignment.
    private CType aligned(CType type, Attributes attrs, Token at, String name) {
        if (attrs.aligned == 0) {
            return type;
        }
        if (type instanceof PrimitiveType p && p.isComplete()) {
            return p.withAlignment(attrs.aligned);
        }
        if (type instanceof StructType s) {
            return s.withAlignment(attrs.aligned, name);
        }
        throw ts.error(
                at,
                "__attribute__((aligned)) on a typedef of '" + type + "' is not supported: put it on the"
                        + " struct itself or on the members");
    }

    private void declareFunction(Declarator d, FunctionType f, String asm, boolean hasBody, Spelling spelling) {
        boolean fresh = ctx.table.lookup(d.name).isEmpty() || ctx.options.allowOverride();
        ctx.registrar.declare(d.nameToken, new Declaration.Function(d.name, f, asm != null ? asm : d.name, hasBody));
        if (fresh) {
            ctx.table.noteSpelling(d.name, spelling);
        }
    }

    private void variable(DeclSpecs specs, Declarator d, CType type, int quals, String asm) {
        if (type instanceof VoidType) {
            throw ts.error(d.nameToken, "variable '" + d.name + "' declared void");
        }
        boolean constant = "static".equals(specs.storage)
                && (quals & Qualifiers.CONST) != 0
                && type instanceof PrimitiveType p
                && p.isIntegral();
        if (ts.accept("=")) {
            if (constant) {
                ConstValue v = ctx.expressions.constant();
                PrimitiveType p = (PrimitiveType) type;
                if (p.isComplete()) { // converted to the declared type, as C does
                    v = v.castTo((int) p.size(), p.signed(), p.kind() == PrimitiveType.Kind.BOOL);
                }
                ctx.registrar.declare(
                        d.nameToken,
                        new Declaration.Constant(d.name, ctx.directives.value(v, d.nameToken), type, false));
                return;
            }
            skipInitializer();
        } else if (constant) {
            ctx.registrar.declare(d.nameToken, new Declaration.Constant(d.name, 0, type, true));
            return;
        }
        ctx.registrar.declare(
                d.nameToken,
                new Declaration.Variable(d.name, type, quals, asm != null ? asm : d.name, specs.threadLocal));
        if ("static".equals(specs.storage) && (quals & Qualifiers.CONST) != 0 && !(type instanceof ArrayType)) {
            ctx.table.markStaticConstant(d.name); // CFFI's constant of any type: API mode reads its value
        }
    }

    private void skipInitializer() {
        while (!ts.at(",") && !ts.at(";") && !ts.at(Token.Kind.END_OF_INPUT)) {
            if (ts.at("(") || ts.at("{") || ts.at("[")) {
                ts.skipBalanced();
            } else {
                ts.next();
            }
        }
    }
}

package org.cffi4j.internal.parse;

import java.util.Set;
import org.cffi4j.FFIException;
import org.cffi4j.ctype.CType;

/**
 * Parses GNU {@code __attribute__((...))}, {@code _Alignas(...)} and {@code __asm__("label")} in any
 * position, keeping what matters for layout and linking and skipping the rest with correct
 * bracket matching.
 */
final class AttributeParser {
    private static final Set<String> MODES = Set.of(
            "QI",
            "HI",
            "SI",
            "DI",
            "TI",
            "SF",
            "DF",
            "XF",
            "TF",
            "word",
            "pointer",
            "byte",
            "unwind_word",
            "libgcc_cmp_return",
            "libgcc_shift_count");

    private final ParseContext ctx;
    private final TokenStream ts;

    AttributeParser(ParseContext ctx) {
        this.ctx = ctx;
        this.ts = ctx.tokens;
    }

    /** Whether the current token starts an attribute, {@code _Alignas} or an ignored keyword. */
    boolean atAttribute() {
        return atAttributeAt(ts.peek());
    }

    /** Whether a token is an attribute keyword. */
    boolean atAttributeAt(Token t) {
        return t.kind() == Token.Kind.IDENTIFIER
                && (Keywords.ATTRIBUTE.contains(t.text()) || Keywords.IGNORED.contains(t.text()));
    }

    /** Parses any run of attributes into {@code into}; returns whether there was one. */
    boolean parse(Attributes into) {
        boolean any = false;
        while (true) {
            Token t = ts.peek();
            if (t.kind() != Token.Kind.IDENTIFIER) {
                return any;
            }
            if (t.text().equals("__declspec")) {
                ts.next();
                ts.skipBalanced();
            } else if (Keywords.ATTRIBUTE.contains(t.text())) {
                ts.next();
                gnuAttribute(into);
            } else if (Keywords.ALIGNAS.contains(t.text())) {
                ts.next();
                alignas(into);
            } else if (Keywords.IGNORED.contains(t.text())) {
                ts.next();
            } else {
                return any;
            }
            any = true;
        }
    }

    /** Parses {@code __asm__("a" "b")} if present and returns the label, else null. */
    String asmLabel() {
        if (!(ts.peek().kind() == Token.Kind.IDENTIFIER
                && Keywords.ASM.contains(ts.peek().text()))) {
            return null;
        }
        ts.next();
        while (ts.accept("volatile") || ts.accept("__volatile__")) {
            // asm qualifiers: meaningless on a label
        }
        ts.expect("(");
        Token first = ts.peek();
        StringBuilder label = new StringBuilder();
        while (ts.at(Token.Kind.STRING)) {
            label.append(Literals.string(ts.next(), ts));
        }
        ts.expect(")");
        if (label.indexOf("\0") >= 0) {
            // C would cut the symbol name at the NUL, and look up another symbol than the one written.
            throw ts.error(
                    first, "asm label \"" + label + "\" contains a NUL character, which a symbol name cannot contain");
        }
        return label.toString();
    }

    // __attribute__ (( attr, attr(args), ... ))
    private void gnuAttribute(Attributes into) {
        ts.expect("(");
        ts.expect("(");
        do {
            if (ts.at(Token.Kind.IDENTIFIER)) {
                one(into);
            }
        } while (ts.accept(","));
        ts.expect(")");
        ts.expect(")");
    }

    private void one(Attributes into) {
        Token nameToken = ts.next();
        String name = strip(nameToken.text());
        switch (name) {
            case "packed" -> {
                into.packed = true;
                skipArgs();
            }
            case "aligned" -> aligned(into, nameToken);
            case "mode" -> mode(into, nameToken);
            case "transparent_union" -> {
                into.transparentUnion = true;
                skipArgs();
            }
            case "vector_size" -> vectorSize(into, nameToken);
            case "ext_vector_type" ->
                throw ts.error(
                        nameToken,
                        "clang's vector types (__attribute__((ext_vector_type))) are not supported: use gcc's"
                                + " __attribute__((vector_size(N)))");
            default -> skipArgs();
        }
    }

    private void aligned(Attributes into, Token at) {
        if (!ts.at("(")) {
            into.aligned = Math.max(into.aligned, ctx.table.abi().biggestAlignment()); // __BIGGEST_ALIGNMENT__
            return;
        }
        ts.expect("(");
        ConstValue v = ctx.expressions.constant();
        ts.expect(")");
        into.aligned = Math.max(into.aligned, checkAlignment(v, at));
    }

    private long checkAlignment(ConstValue v, Token at) {
        if (v.kind() != ConstValue.Kind.INTEGER) {
            throw ts.error(at, "requested alignment is not an integer constant");
        }
        java.math.BigInteger n = v.exact();
        if (n.signum() <= 0 || n.bitCount() != 1 || n.bitLength() > 29) {
            throw ts.error(at, "requested alignment " + n + " is not a positive power of 2");
        }
        return n.longValue();
    }

    private void vectorSize(Attributes into, Token at) {
        ts.expect("(");
        ConstValue v = ctx.expressions.constant();
        ts.expect(")");
        if (v.kind() != ConstValue.Kind.INTEGER) {
            throw ts.error(at, "'vector_size' attribute argument is not an integer constant");
        }
        java.math.BigInteger n = v.exact();
        if (n.signum() <= 0 || n.bitLength() > 31) {
            throw ts.error(at, "vector size " + n + " is not a positive size in bytes");
        }
        into.vectorSize = n.longValue();
        into.vectorAt = at;
    }

    private void mode(Attributes into, Token at) {
        ts.expect("(");
        Token m = ts.next();
        String mode = strip(m.text());
        if (!MODES.contains(mode)) {
            throw ts.error(m, "unknown machine mode '" + m.text() + "'");
        }
        ts.expect(")");
        into.mode = mode;
    }

    // _Alignas(constant-expression) or _Alignas(type-name)
    private void alignas(Attributes into) {
        Token at = ts.expect("(");
        if (ctx.specifiers.startsTypeName(ts.peek())) {
            Token typeAt = ts.peek();
            CType type = ctx.specifiers.typeName();
            try {
                into.aligned = Math.max(into.aligned, type.byteAlignment());
            } catch (FFIException e) { // _Alignas(void), _Alignas(struct incomplete)
                throw ts.error(typeAt, "_Alignas of '" + type + "': " + e.getMessage());
            }
        } else {
            ConstValue v = ctx.expressions.constant();
            if (v.bits() != 0) { // _Alignas(0) has no effect
                into.aligned = Math.max(into.aligned, checkAlignment(v, at));
            }
        }
        ts.expect(")");
    }

    private void skipArgs() {
        if (ts.at("(")) {
            ts.skipBalanced();
        }
    }

    /** {@code __packed__} and {@code packed} are the same attribute. */
    static String strip(String name) {
        if (name.length() > 4 && name.startsWith("__") && name.endsWith("__")) {
            return name.substring(2, name.length() - 2);
        }
        return name;
    }
}

package org.cffi4j.internal.parse;

import org.cffi4j.ctype.CType;
import org.cffi4j.internal.decl.Declaration;
import org.cffi4j.internal.layout.Primitives;

/**
 * The directives cdef honours: {@code #define NAME <integer constant expression>} (or CFFI's
 * {@code #define NAME ...}), {@code #pragma pack}, and {@code _Static_assert}.
 */
final class Directives {
    private final ParseContext ctx;
    private final TokenStream ts;

    Directives(ParseContext ctx) {
        this.ctx = ctx;
        this.ts = ctx.tokens;
    }

    void define() {
        Token hash = ts.next();
        Token name = ts.next();
        if (name.kind() != Token.Kind.IDENTIFIER) {
            throw ts.error(
                    name.kind() == Token.Kind.END_OF_LINE ? hash : name, "expected a macro name after '#define'");
        }
        ts.declaring(name.text());
        if (ts.at("(") && ts.peek().pos() == name.pos() + name.text().length()) {
            throw ts.error(
                    ts.peek(),
                    "function-like macro '" + name.text() + "' cannot be declared in cdef: declare it as"
                            + " a function (API mode compiles a wrapper), or use its values");
        }
        if (ts.at(Token.Kind.END_OF_LINE)) {
            throw ts.error(
                    name,
                    "'#define " + name.text() + "' has no value: cdef only takes integer constants" + " (#define "
                            + name.text() + " 42, or #define " + name.text() + " ... in API mode)");
        }
        if (ts.at("...") && ts.peek(1).kind() == Token.Kind.END_OF_LINE) {
            ts.next();
            ts.next();
            ctx.registrar.declare(name, new Declaration.Constant(name.text(), 0, ctx.primitives.get("int"), true));
            return;
        }
        Token body = ts.peek();
        if (body.kind() == Token.Kind.STRING || body.kind() == Token.Kind.FLOATING) {
            throw ts.error(
                    body,
                    "'#define " + name.text() + "' is not an integer constant: cdef only takes integer constants");
        }
        ConstValue v = ctx.expressions.expression();
        if (!ts.at(Token.Kind.END_OF_LINE)) {
            throw ts.error(
                    ts.peek(),
                    "'#define " + name.text() + "' is not an integer constant expression (unexpected "
                            + ts.peek().describe() + ")");
        }
        ts.next();
        if (v.floating()) {
            throw ts.error(
                    body,
                    "'#define " + name.text() + "' is not an integer constant: cdef only takes integer constants");
        }
        ctx.registrar.declare(
                name, new Declaration.Constant(name.text(), value(v, name), typeOf(v.rank(), ctx.primitives), false));
    }

    /**
     * The value of an integer constant as cdef keeps it: in 64 bits (unsigned values from 2^63 as
     * two's complement).
     *
     * @throws org.cffi4j.CDefException for an {@code __int128} value beyond 64 bits
     */
    long value(ConstValue v, Token name) {
        if (!v.fits64Bits()) {
            throw ts.error(
                    name,
                    "'" + name.text() + "' is " + v.exact() + ", an '" + typeOf(v.rank(), ctx.primitives)
                            + "' beyond the range of '"
                            + (v.isUnsigned() ? "unsigned long" : "long")
                            + "': cdef keeps integer constants in 64 bits");
        }
        return v.bits();
    }

    /** The C type of a constant of a given rank. */
    static CType typeOf(ConstValue.Rank rank, Primitives p) {
        return switch (rank) {
            case INT -> p.get("int");
            case UINT -> p.get("unsigned int");
            case LONG -> p.int64(false);
            case ULONG -> p.int64(true);
            case INT128 -> p.get("__int128");
            case UINT128 -> p.get("unsigned __int128");
        };
    }

    /** {@code #pragma pack(...)} is honoured; other pragmas do not affect declarations and are skipped. */
    void pragma() {
        ts.next();
        if (ts.at("pack")) {
            ts.next();
            ts.expect("(");
            pack();
            ts.expect(")");
        } else {
            while (!ts.at(Token.Kind.END_OF_LINE) && !ts.at(Token.Kind.END_OF_INPUT)) {
                ts.next();
            }
        }
        if (!ts.at(Token.Kind.END_OF_INPUT)) {
            ts.expect(Token.Kind.END_OF_LINE, "the end of the '#pragma' line");
        }
    }

    // pack(N), pack(), pack(push[, id][, N]), pack(pop[, id]) as gcc reads them.
    private void pack() {
        if (ts.at(")")) {
            ctx.currentPack = ctx.options.maxPack();
        } else if (ts.accept("push")) {
            ctx.packStack.push(ctx.currentPack);
            while (ts.accept(",")) {
                if (ts.at(Token.Kind.IDENTIFIER)) {
                    ts.next();
                } else {
                    ctx.currentPack = packValue();
                }
            }
        } else if (ts.accept("pop")) {
            ctx.currentPack = ctx.packStack.isEmpty() ? ctx.options.maxPack() : ctx.packStack.pop();
            while (ts.accept(",")) {
                ts.next();
            }
        } else {
            ctx.currentPack = packValue();
        }
    }

    private int packValue() {
        Token at = ts.peek();
        ConstValue v = ctx.expressions.constant();
        long n = v.bits();
        if (v.floating() || n < 0 || n > 16 || (n != 0 && Long.bitCount(n) != 1)) {
            throw ts.error(at, "#pragma pack: alignment must be 1, 2, 4, 8 or 16, not " + n);
        }
        return (int) n;
    }

    /** {@code _Static_assert(expr, "message");}: checked now, as the compiler would. */
    void staticAssert() {
        Token at = ts.next();
        ts.expect("(");
        ConstValue v = ctx.expressions.constant();
        String message = null;
        if (ts.accept(",")) {
            StringBuilder sb = new StringBuilder();
            while (ts.at(Token.Kind.STRING)) {
                sb.append(Literals.string(ts.next(), ts));
            }
            message = sb.toString();
        }
        ts.expect(")");
        ts.expect(";");
        if (!v.isTrue()) {
            throw ts.error(at, "static assertion failed" + (message == null ? "" : ": \"" + message + "\""));
        }
    }
}

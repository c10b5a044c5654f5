package org.cffi4j.internal.parse;

import org.cffi4j.FFIException;
import org.cffi4j.ctype.CType;
import org.cffi4j.ctype.EnumType;
import org.cffi4j.ctype.PointerType;
import org.cffi4j.ctype.PrimitiveType;
import org.cffi4j.internal.decl.Declaration;
import org.cffi4j.internal.message.ApiModeOnly;

/**
 * Parses and evaluates C integer constant expressions at once: every operator of C with its
 * precedence, casts, {@code sizeof}, {@code _Alignof}, {@code __builtin_offsetof}, enum constants
 * and earlier {@code #define}s. Used for array lengths, enum values, bitfield widths, attribute
 * arguments and {@code #define} bodies.
 */
final class ExpressionParser {
    private static final String[][] BINARY_LEVELS = {
        {"||"},
        {"&&"},
        {"|"},
        {"^"},
        {"&"},
        {"==", "!="},
        {"<", ">", "<=", ">="},
        {"<<", ">>"},
        {"+", "-"},
        {"*", "/", "%"}
    };

    private final ParseContext ctx;
    private final TokenStream ts;

    ExpressionParser(ParseContext ctx) {
        this.ctx = ctx;
        this.ts = ctx.tokens;
    }

    /** A constant expression (no comma operator at the top, as C's constant-expression). */
    ConstValue constant() {
        return conditional();
    }

    /** A full expression, comma operator included (inside parentheses). */
    ConstValue expression() {
        ConstValue v = conditional();
        while (ts.accept(",")) {
            v = conditional();
        }
        return v;
    }

    private ConstValue conditional() {
        ts.enter();
        try {
            ConstValue cond = binary(0);
            if (!ts.accept("?")) {
                return cond;
            }
            ConstValue a = ts.at(":") ? cond : expression(); // GNU "x ?: y" is "x ? x : y"
            ts.expect(":");
            ConstValue b = conditional();
            ConstValue chosen = cond.isTrue() ? a : b;
            if (a.floating() || b.floating()) { // the arms meet in double
                return ConstValue.ofReal(chosen.toDouble());
            }
            return chosen.to(ConstValue.common(a.rank(), b.rank()));
        } finally {
            ts.leave();
        }
    }

    // Precedence climbing over BINARY_LEVELS: iterative within a level, so long chains do not recurse.
    private ConstValue binary(int level) {
        if (level == BINARY_LEVELS.length) {
            return unary();
        }
        ConstValue left = binary(level + 1);
        while (true) {
            Token op = ts.peek();
            if (op.kind() != Token.Kind.PUNCTUATOR || !isAt(level, op.text())) {
                return left;
            }
            ts.next();
            if (op.text().equals("&&") && !left.isTrue() || op.text().equals("||") && left.isTrue()) {
                binary(level + 1); // short-circuit: still parsed, value unused
                left = ConstValue.ofInt(op.text().equals("||") ? 1 : 0);
                continue;
            }
            ConstValue right = binary(level + 1);
            left = Arithmetic.apply(op.text(), left, right, message -> ts.error(op, message));
        }
    }

    private static boolean isAt(int level, String op) {
        for (String s : BINARY_LEVELS[level]) {
            if (s.equals(op)) {
                return true;
            }
        }
        return false;
    }

    private ConstValue unary() {
        Token t = ts.peek();
        if (t.kind() == Token.Kind.PUNCTUATOR) {
            switch (t.text()) {
                case "+", "-", "~", "!" -> {
                    ts.next();
                    ts.enter();
                    try {
                        return Arithmetic.unary(t.text(), unary());
                    } finally {
                        ts.leave();
                    }
                }
                case "(" -> {
                    if (ctx.specifiers.startsTypeName(ts.peek(1))) {
                        return cast();
                    }
                }
                default -> {}
            }
        }
        if (t.kind() == Token.Kind.IDENTIFIER) {
            switch (t.text()) {
                case "sizeof", "_Alignof", "__alignof__", "__alignof", "alignof", "__extension__" -> {
                    ts.next();
                    ts.enter(); // these prefixes chain like unary minus: "sizeof sizeof ... 1"
                    try {
                        return t.is("__extension__") ? unary() : sizeOrAlign(t.is("sizeof"));
                    } finally {
                        ts.leave();
                    }
                }
                case "__builtin_offsetof" -> {
                    return offsetof();
                }
                default -> {}
            }
        }
        return primary();
    }

    private ConstValue cast() {
        ts.expect("(");
        CType type = ctx.specifiers.typeName();
        ts.expect(")");
        ts.enter();
        try {
            ConstValue v = unary();
            return castTo(type, v);
        } finally {
            ts.leave();
        }
    }

    private static ConstValue castTo(CType type, ConstValue v) {
        if (type instanceof EnumType e && e.isComplete()) {
            type = e.underlying();
        }
        if (type instanceof PrimitiveType p && p.isComplete() && p.isIntegral()) {
            return v.castTo((int) p.size(), p.signed(), p.kind() == PrimitiveType.Kind.BOOL);
        }
        if (type instanceof PrimitiveType p && p.kind() == PrimitiveType.Kind.FLOATING) {
            return ConstValue.ofReal(v.toDouble());
        }
        if (type instanceof PointerType) {
            return v.asPointer();
        }
        return v; // (void) and the like: the value is not used in a valid constant expression
    }

    private ConstValue sizeOrAlign(boolean size) {
        Token at = ts.peek();
        CType type;
        if (at.is("(") && ctx.specifiers.startsTypeName(ts.peek(1))) {
            ts.next();
            type = ctx.specifiers.typeName();
            ts.expect(")");
        } else {
            type = typeOfOperand(at);
        }
        try {
            return ConstValue.of(size ? type.byteSize() : type.byteAlignment(), sizeRank());
        } catch (FFIException e) {
            throw ts.error(at, (size ? "sizeof" : "_Alignof") + " of '" + type + "': " + e.getMessage());
        }
    }

    private ConstValue offsetof() {
        Token at = ts.next();
        ts.expect("(");
        CType type = ctx.specifiers.typeName();
        ts.expect(",");
        long offset = Designators.offset(ctx, type, at);
        ts.expect(")");
        return ConstValue.of(offset, sizeRank());
    }

    // size_t's: unsigned int on 32-bit platforms, a 64-bit unsigned type elsewhere.
    private ConstValue.Rank sizeRank() {
        return ctx.primitives.get("size_t").size() == 4 ? ConstValue.Rank.UINT : ConstValue.Rank.ULONG;
    }

    private ConstValue primary() {
        Token t = ts.next();
        switch (t.kind()) {
            case INTEGER -> {
                return Literals.integer(t, ts, ctx.primitives);
            }
            case FLOATING -> {
                return ConstValue.ofReal(Literals.floating(t, ts));
            }
            case CHARACTER -> {
                return Literals.character(t, ts, ctx.primitives);
            }
            case IDENTIFIER -> {
                return constantValue(t);
            }
            case PUNCTUATOR -> {
                if (t.is("(")) {
                    ts.enter();
                    try {
                        ConstValue v = expression();
                        ts.expect(")");
                        return v;
                    } finally {
                        ts.leave();
                    }
                }
            }
            default -> {}
        }
        throw ts.error(t, "expected a constant expression but found " + t.describe());
    }

    /**
     * The type of the operand of {@code sizeof}, {@code _Alignof} or {@code __typeof__} when it is
     * an expression: a declared variable or function, a string literal, or a constant expression.
     */
    CType typeOfOperand(Token at) {
        Token t = ts.peek();
        boolean parenthesised = t.is("(") && ts.peek(2).is(")");
        Token name = parenthesised ? ts.peek(1) : t;
        if (name.kind() == Token.Kind.IDENTIFIER) {
            Declaration d = ctx.table.lookup(name.text()).orElse(null);
            CType declared = d instanceof Declaration.Variable v
                    ? v.type()
                    : d instanceof Declaration.Function f ? f.type() : null;
            if (declared != null) {
                if (parenthesised) {
                    ts.next();
                    ts.next();
                }
                ts.next();
                return declared;
            }
        }
        if (t.kind() == Token.Kind.STRING) {
            ts.next();
            return new org.cffi4j.ctype.ArrayType(
                    ctx.primitives.get("char"),
                    Literals.string(t, ts).getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 1);
        }
        ConstValue v = unary();
        if (v.kind() == ConstValue.Kind.POINTER) {
            return new PointerType(org.cffi4j.ctype.VoidType.VOID);
        }
        return v.floating() ? ctx.primitives.get("double") : Directives.typeOf(v.rank(), ctx.primitives);
    }

    private ConstValue constantValue(Token name) {
        ConstValue enumerator = ctx.enumeratorsBeingDefined.get(name.text());
        if (enumerator != null) {
            return enumerator;
        }
        Declaration d = ctx.table.lookup(name.text()).orElse(null);
        if (d instanceof Declaration.Constant c) {
            if (c.apiMode()) {
                throw ts.error(name, ApiModeOnly.constantValue(name.text()));
            }
            return ConstValue.of(c.value(), rankOfConstant(c));
        }
        if (d != null) {
            throw ts.error(
                    name,
                    "'" + name.text() + "' is not a constant (it is declared as '" + d.describe()
                            + "'), so it cannot be used in a constant expression");
        }
        if (ctx.typedefs.isTypedefName(name.text())) {
            throw ts.error(name, "unexpected type name '" + name.text() + "' in a constant expression");
        }
        throw ts.error(name, "use of undeclared identifier '" + name.text() + "' in a constant expression");
    }

    // The type a constant has in expressions: an enum constant has int, or (gcc) its enum's type
    // when its value did not fit an int; during its enum's definition, the type of its value (the
    // enum parser declares it with that type).
    private static ConstValue.Rank rankOfConstant(Declaration.Constant c) {
        CType t = c.type() instanceof EnumType e && e.isComplete() ? e.underlying() : c.type();
        if (t instanceof PrimitiveType p && p.isComplete() && p.isIntegral()) {
            return ConstValue.Rank.of((int) p.size(), p.signed());
        }
        return ConstValue.Rank.INT;
    }

    /** The length of an array type as a constant expression gives it, checked. */
    long arrayLength(Token at, ConstValue v) {
        if (v.floating()) {
            throw ts.error(at, "array size is not an integer");
        }
        java.math.BigInteger n = v.exact();
        if (n.signum() < 0) {
            throw ts.error(at, "array size is negative (" + n + ")");
        }
        if (n.compareTo(java.math.BigInteger.valueOf(Long.MAX_VALUE >> 4)) > 0) {
            throw ts.error(at, "array is too large");
        }
        return n.longValue();
    }
}

package org.cffi4j.internal.parse;

import java.util.Optional;
import org.cffi4j.FFIException;
import org.cffi4j.ctype.ArrayType;
import org.cffi4j.ctype.CType;
import org.cffi4j.ctype.Field;
import org.cffi4j.ctype.StructType;

/** The member designator of {@code __builtin_offsetof(type, a.b[2].c)}: walks it to an offset. */
final class Designators {
    private Designators() {}

    static long offset(ParseContext ctx, CType type, Token at) {
        TokenStream ts = ctx.tokens;
        long offset = 0;
        CType current = type;
        boolean first = true;
        while (true) {
            if (first || ts.accept(".")) {
                Token name = ts.expect(Token.Kind.IDENTIFIER, "a member name");
                Field f = member(current, name, ts);
                if (f.isBitfield()) {
                    throw ts.error(name, "cannot take the offset of bitfield '" + name.text() + "'");
                }
                offset += f.byteOffset();
                current = f.type();
                first = false;
            } else if (ts.at("[")) {
                Token open = ts.next();
                ConstValue index = ctx.expressions.expression();
                ts.expect("]");
                if (!(current instanceof ArrayType a)) {
                    throw ts.error(open, "'" + current + "' is not an array, so it cannot be indexed");
                }
                offset += index.bits() * elementSize(a, open, ts);
                current = a.element();
            } else {
                return offset;
            }
        }
    }

    private static long elementSize(ArrayType a, Token at, TokenStream ts) {
        try {
            return a.element().byteSize();
        } catch (FFIException e) {
            throw ts.error(at, e.getMessage());
        }
    }

    private static Field member(CType type, Token name, TokenStream ts) {
        if (!(type instanceof StructType s)) {
            throw ts.error(name, "'" + type + "' is not a struct or union, so it has no member '" + name.text() + "'");
        }
        if (!s.isComplete()) {
            throw ts.error(
                    name, "'" + s + "' has no known layout (" + s.state().name().toLowerCase() + ")");
        }
        Optional<Field> f = s.field(name.text());
        return f.orElseThrow(() -> ts.error(name, "'" + s + "' has no member named '" + name.text() + "'"));
    }
}

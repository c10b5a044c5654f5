package org.cffi4j.internal.parse;

import java.util.ArrayList;
import java.util.List;
import org.cffi4j.ctype.CType;
import org.cffi4j.ctype.EnumType;
import org.cffi4j.ctype.PrimitiveType;
import org.cffi4j.ctype.VoidType;
import org.cffi4j.internal.layout.Primitives;

/**
 * The type specifiers of one declaration, in any order ({@code long unsigned int},
 * {@code int long}), combined into one type as C does, with {@code __attribute__((mode(..)))}
 * applied.
 */
final class TypeSpecifierSet {
    private final TokenStream ts;
    private final Primitives primitives;
    private final List<Token> words = new ArrayList<>();
    private CType named;
    private Token namedAt;
    private int longs;
    private String sign;
    private String base;
    private boolean complex;

    TypeSpecifierSet(TokenStream ts, Primitives primitives) {
        this.ts = ts;
        this.primitives = primitives;
    }

    boolean hasAny() {
        return named != null || !words.isEmpty();
    }

    void setNamed(CType type, Token at) {
        if (hasAny()) {
            throw ts.error(
                    at,
                    "two or more data types in declaration specifiers ('" + describe() + "' and '" + at.text() + "')");
        }
        named = type;
        namedAt = at;
    }

    void add(Token t) {
        if (named != null) {
            throw ts.error(t, "'" + t.text() + "' cannot be combined with '" + namedAt.text() + "'");
        }
        words.add(t);
        String w = t.text();
        switch (w) {
            case "long" -> {
                if (++longs > 2) {
                    throw ts.error(t, "'long long long' is too long for C");
                }
            }
            case "signed", "__signed", "__signed__", "unsigned" -> {
                String s = w.equals("unsigned") ? "unsigned" : "signed";
                if (sign != null) {
                    throw ts.error(t, "cannot combine '" + sign + "' with '" + s + "'");
                }
                sign = s;
            }
            case "_Complex", "__complex__", "__complex" -> complex = true;
            case "_Imaginary" -> throw ts.error(t, "_Imaginary types are not supported");
            default -> setBase(t);
        }
    }

    private void setBase(Token t) {
        String w = t.text();
        if (base != null && !(base.equals("int") && w.equals("short")) && !(base.equals("short") && w.equals("int"))) {
            throw ts.error(t, "cannot combine '" + base + "' with '" + w + "'");
        }
        base = base == null || !w.equals("int") ? w : base;
    }

    private String describe() {
        return named != null
                ? namedAt.text()
                : String.join(" ", words.stream().map(Token::text).toList());
    }

    /** The combined type. */
    CType resolve(Attributes attributes) {
        CType t = named != null ? named : basic();
        if (attributes.mode != null) {
            t = Modes.apply(t, attributes.mode, ts, words.isEmpty() ? namedAt : words.get(0), primitives);
        }
        return t;
    }

    private CType basic() {
        Token at = words.get(0);
        String name = canonicalName(at);
        if (name.equals("void")) {
            return VoidType.VOID;
        }
        return primitives
                .byName(name)
                .orElseThrow(() -> ts.error(at, "type '" + describe() + "' is not supported on this platform"));
    }

    private String canonicalName(Token at) {
        String b = base == null ? "int" : base;
        boolean unsigned = "unsigned".equals(sign);
        String name = switch (b) {
            case "void", "_Bool", "float", "_Float16", "__bf16", "_Float128" -> checkNoSignOrLong(b, at);
            case "double" -> longs == 1 ? "long double" : checkNoSignOrLong("double", at);
            case "_Float32" -> checkNoSignOrLong("float", at);
            case "_Float64", "_Float32x" -> checkNoSignOrLong("double", at);
            case "_Float64x", "__float80" -> checkNoSignOrLong("long double", at);
            case "__float128" -> checkNoSignOrLong("_Float128", at);
            case "char" -> longs > 0 ? bad(at) : sign == null ? "char" : sign + " char";
            case "short" -> longs > 0 ? bad(at) : unsigned ? "unsigned short" : "short";
            case "int" -> integerName(unsigned);
            case "__int128" -> longs > 0 ? bad(at) : unsigned ? "unsigned __int128" : "__int128";
            default -> throw ts.error(at, "type '" + describe() + "' is not supported");
        };
        if (complex) {
            if (!(name.equals("float")
                    || name.equals("double")
                    || name.equals("long double")
                    || name.equals("_Float128")
                    || base == null)) {
                throw ts.error(at, "only floating types can be _Complex (not '" + describe() + "')");
            }
            return (base == null ? "double" : name) + " _Complex";
        }
        return name;
    }

    private String integerName(boolean unsigned) {
        String n = switch (longs) {
            case 0 -> "int";
            case 1 -> "long";
            default -> "long long";
        };
        return unsigned ? "unsigned " + n : n;
    }

    private String checkNoSignOrLong(String name, Token at) {
        if (sign != null || (longs > 0 && !name.equals("long double"))) {
            return bad(at);
        }
        return name;
    }

    private String bad(Token at) {
        throw ts.error(at, "invalid combination of type specifiers '" + describe() + "'");
    }

    /** {@code __attribute__((mode(M)))}: the integer or floating type of the given machine mode. */
    static final class Modes {
        private Modes() {}

        static CType apply(CType t, String mode, TokenStream ts, Token at, Primitives p) {
            if (t instanceof EnumType e && e.isComplete()) {
                t = e.underlying();
            }
            if (!(t instanceof PrimitiveType prim)) {
                throw ts.error(at, "mode(" + mode + ") applies to integer and floating types, not '" + t + "'");
            }
            boolean u = !prim.signed() || prim.kind() == PrimitiveType.Kind.BOOL;
            String name = switch (mode) {
                case "QI", "byte" -> u ? "unsigned char" : "signed char";
                case "HI" -> u ? "unsigned short" : "short";
                case "SI", "libgcc_cmp_return", "libgcc_shift_count" -> u ? "unsigned int" : "int";
                case "DI", "word", "pointer", "unwind_word" -> u ? "unsigned long" : "long";
                case "TI" -> u ? "unsigned __int128" : "__int128";
                case "SF" -> "float";
                case "DF" -> "double";
                case "XF" -> "long double";
                default -> "_Float128";
            };
            boolean floatingMode = mode.endsWith("F");
            if (floatingMode != (prim.kind() == PrimitiveType.Kind.FLOATING)) {
                throw ts.error(at, "mode(" + mode + ") does not suit type '" + t + "'");
            }
            return p.get(name);
        }
    }
}

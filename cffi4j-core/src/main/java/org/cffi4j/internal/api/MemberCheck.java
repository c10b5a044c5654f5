package org.cffi4j.internal.api;

import org.cffi4j.FFIException;
import org.cffi4j.ctype.ArrayType;
import org.cffi4j.ctype.CPrinter;
import org.cffi4j.ctype.CType;
import org.cffi4j.ctype.EnumType;
import org.cffi4j.ctype.Field;
import org.cffi4j.ctype.PointerType;
import org.cffi4j.ctype.PrimitiveType;
import org.cffi4j.ctype.StructType;

/**
 * The C statement that checks one struct member's type against the compiler's (API mode), where a
 * layout can agree while a type does not (a {@code long} for a {@code double}, a {@code float} for
 * an {@code int}, one struct for another of the same size):
 *
 * <ul>
 *   <li>an integer: an integer ({@code << 1} compiles) of the cdef's size;
 *   <li>a floating type: exactly that type ({@code _Generic});
 *   <li>a pointer: a pointer (its target is not compared: a cdef may add or drop a {@code const}
 *       there, which C calls an incompatible pointer, and CFFI only warns about);
 *   <li>a struct, union or array of them: its address converts to a pointer to the cdef's type.
 * </ul>
 *
 * None for a member C cannot spell from the cdef's names (an anonymous struct or enum, a length or
 * a type left open with {@code ...}, a vector).
 */
final class MemberCheck {
    // GCC's and clang's __builtin_classify_type value for a pointer (typeclass.h)
    private static final int POINTER_TYPE_CLASS = 5;

    private MemberCheck() {}

    /**
     * The check of {@code f}, reached as {@code lvalue}, or null when it cannot be written.
     *
     * @param f the member, not a bitfield
     * @param lvalue the member as C reaches it: {@code p->x}
     */
    static String of(Field f, String lvalue) {
        CType t = f.type();
        String spelled = spell(t, "");
        if (spelled == null) {
            return null;
        }
        String says = "\"the cdef says " + spelled.replace("\"", "").replace("'", "");
        return switch (t) {
            case EnumType e -> integer(lvalue, t.byteSize(), says);
            case PrimitiveType p
            when p.isIntegral() ->
                p.kind() == PrimitiveType.Kind.UNKNOWN_INTEGER
                        ? "(void) ((" + lvalue + ") << 1);"
                        : integer(lvalue, t.byteSize(), says);
            case PrimitiveType p when p.kind() == PrimitiveType.Kind.UNKNOWN_FLOATING -> null;
            case PrimitiveType p ->
                "_Static_assert(_Generic((" + lvalue + "), " + spelled + ": 1, default: 0), " + says + "\");";
            case PointerType p ->
                "_Static_assert(__builtin_classify_type(" + lvalue + ") == " + POINTER_TYPE_CLASS + ", " + says
                        + ", a pointer\");";
            default -> pointsToPointers(t) ? null : addressCheck(f, lvalue);
        };
    }

    private static String integer(String lvalue, long size, String says) {
        return "(void) ((" + lvalue + ") << 1); _Static_assert(sizeof(" + lvalue + ") == " + size + ", " + says + ", "
                + size + " bytes\");";
    }

    private static String addressCheck(Field f, String lvalue) {
        String pointer = spell(new PointerType(f.type(), f.qualifiers()), "tmp");
        return pointer == null ? null : "{ " + pointer + " = &" + lvalue + "; (void) tmp; }";
    }

    // An array of pointers: its elements' targets could differ in qualifiers only (see the class).
    private static boolean pointsToPointers(CType t) {
        return t instanceof ArrayType a && (a.element() instanceof PointerType || pointsToPointers(a.element()));
    }

    // The type as C writes it, or null if C cannot spell it from the cdef's names.
    private static String spell(CType t, String name) {
        try {
            String text = CPrinter.declare(t, name);
            boolean anonymous = text.contains("$") || text.contains("...");
            return anonymous || containsVector(t) || containsAnonymous(t) ? null : text;
        } catch (FFIException tooLarge) {
            return null;
        }
    }

    private static boolean containsVector(CType t) {
        return switch (t) {
            case org.cffi4j.ctype.VectorType v -> true;
            case PointerType p -> containsVector(p.target());
            case ArrayType a -> containsVector(a.element());
            default -> false;
        };
    }

    private static boolean containsAnonymous(CType t) {
        return switch (t) {
            case StructType s -> s.tag() == null && s.toString().contains("$");
            case PointerType p -> containsAnonymous(p.target());
            case ArrayType a -> containsAnonymous(a.element());
            default -> false;
        };
    }
}

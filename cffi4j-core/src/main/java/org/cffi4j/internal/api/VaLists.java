package org.cffi4j.internal.api;

import org.cffi4j.ctype.CType;
import org.cffi4j.ctype.FunctionType;
import org.cffi4j.ctype.Param;
import org.cffi4j.ctype.PointerType;
import org.cffi4j.ctype.StructType;

/**
 * How generated C spells a {@code va_list} parameter. cffi4j models gcc's {@code __builtin_va_list}
 * as {@code struct __va_list_tag[1]}, so such a parameter is a {@code struct __va_list_tag *}; but
 * C code cannot name gcc's built-in record that way (a {@code struct __va_list_tag} it writes is
 * another type), so the generated C writes {@code __builtin_va_list}, which a parameter adjusts to
 * the same pointer.
 */
final class VaLists {
    private static final CType SPELLING = StructType.declare(StructType.Kind.STRUCT, null, "__builtin_va_list");

    private VaLists() {}

    /** {@code f} for printing in C: its va_list parameters, at any depth, spelled {@code __builtin_va_list}. */
    static FunctionType spelledForC(FunctionType f) {
        return (FunctionType) spell(f, false);
    }

    private static CType spell(CType t, boolean parameter) {
        return switch (t) {
            case PointerType p
            when parameter
                    && p.target() instanceof StructType s
                    && "__va_list_tag".equals(s.tag())
                    && p.targetQualifiers() == 0 -> SPELLING;
            case PointerType p -> new PointerType(spell(p.target(), false), p.targetQualifiers());
            case FunctionType f ->
                new FunctionType(
                        spell(f.returnType(), false),
                        f.params().stream()
                                .map(p -> new Param(p.name(), spell(p.type(), true)))
                                .toList(),
                        f.variadic());
            default -> t;
        };
    }
}

package org.cffi4j.internal.api;

import java.util.List;
import org.cffi4j.ctype.CType;
import org.cffi4j.ctype.EnumType;

/**
 * What the generated C reports to Java: each fact group is an exported array of {@code long long}
 * whose meaning the group's kind gives.
 */
sealed interface Facts {
    /** The name of the exported array. */
    String symbol();

    /**
     * sizeof, _Alignof, then the offset of each named member, of a struct or union; then the lengths
     * of the '[...]' dimensions of each member's type, member by member.
     */
    record Layout(String symbol, CType type, String cName, List<String> members) implements Facts {}

    /** sizeof and signedness of an enum declared with {@code ...}. */
    record EnumLayout(String symbol, EnumType type) implements Facts {}

    /** sizeof and signedness of a {@code typedef int... t}, sizeof of a {@code typedef float... t}. */
    record ArithmeticType(String symbol, String typedefName, boolean integer) implements Facts {}

    /**
     * The value of an integer constant: a {@code #define}, an enum constant, a {@code static const};
     * the symbol is {@link GeneratedNames#CONSTANTS}, which computes all of them when the module is loaded (so a
     * constant may be computed by a call, as in CFFI).
     */
    record Constant(String symbol, String name) implements Facts {}

    /** The lengths of the '[...]' dimensions of a global's or typedef's array type, outermost first. */
    record ArrayLengths(String symbol, String name) implements Facts {}

    /** The address of a declared function (a pointer, not an array): NULL if no library defines it. */
    record FunctionAddress(String symbol, String function) implements Facts {}

    /** Whether a declared function is a function-like macro in the headers (1) or not (0). */
    record Macro(String symbol, String function) implements Facts {}
}

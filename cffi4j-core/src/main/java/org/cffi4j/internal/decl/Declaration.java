package org.cffi4j.internal.decl;

import org.cffi4j.ctype.CPrinter;
import org.cffi4j.ctype.CType;
import org.cffi4j.ctype.FunctionType;
import org.cffi4j.ctype.Qualifiers;

/** A declaration of an ordinary identifier: a typedef, function, variable or constant. */
public sealed interface Declaration {
    /** The declared name. */
    String name();

    /** The declaration as C text, for messages. */
    default String describe() {
        return switch (this) { // abbreviated: a type built by typedefs can be too long to show whole
            case Typedef t -> "typedef " + Qualifiers.prefix(t.qualifiers()) + CPrinter.abbreviated(t.type(), t.name());
            case Function f -> CPrinter.abbreviated(f.type(), f.name());
            case Variable v -> CPrinter.abbreviated(v.type(), v.name());
            case Constant c -> c.apiMode() ? c.name() + " = ..." : c.name() + " = " + c.value();
        };
    }

    /**
     * {@code typedef T name;}.
     *
     * @param qualifiers the qualifiers the name carries besides its type's own ({@code typedef
     *     volatile int spin_t;} is {@code int} with {@code VOLATILE}), which every use of the name
     *     adds, as in C
     */
    record Typedef(String name, CType type, int qualifiers) implements Declaration {
        /** A typedef name without qualifiers of its own. */
        public Typedef(String name, CType type) {
            this(name, type, 0);
        }
    }

    /**
     * A function.
     *
     * @param symbol the name to look up in a library: the {@code __asm__("...")} label if any
     * @param hasBody whether cdef saw a body ({@code static inline} in a header): no symbol to call
     */
    record Function(String name, FunctionType type, String symbol, boolean hasBody) implements Declaration {}

    /**
     * A global variable.
     *
     * @param qualifiers {@code const}/{@code volatile} of the variable itself
     * @param symbol the name to look up in a library: the {@code __asm__("...")} label if any
     * @param threadLocal declared {@code __thread} or {@code _Thread_local}
     */
    record Variable(String name, CType type, int qualifiers, String symbol, boolean threadLocal)
            implements Declaration {}

    /**
     * An integer constant: an enum constant, a {@code #define} or a {@code static const} integer.
     *
     * @param value the value (unsigned 64-bit values as two's complement); 0 if {@code apiMode}
     * @param type the constant's C type
     * @param apiMode declared with {@code ...}: only API mode can tell the value
     */
    record Constant(String name, long value, CType type, boolean apiMode) implements Declaration {}
}

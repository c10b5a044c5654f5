package org.cffi4j.internal.decl;

import java.util.List;

/**
 * A function declaration as the cdef spells it, for the C that API mode generates: the tokens of
 * its specifiers and declarator, so that the C compiler sees the cdef's own typedef names and
 * every qualifier ({@code pthread_spinlock_t *}, {@code const uuid_t *}, {@code char *restrict
 * *restrict}), which the type model resolves away. Storage classes and function specifiers are
 * left out, the declared name and the parameters' names are slots to fill, an empty parameter list
 * reads {@code (void)} (as cdef reads it) and CFFI's {@code [...]} reads {@code []}.
 */
public final class Spelling {
    /** The slot of the declared name among the parts of a spelling. */
    public static final Object NAME = new Object();

    private final List<Object> parts;
    private final int parameters;

    /**
     * A spelling made of {@code parts}, each a token's text, {@link #NAME}, or the {@code Integer}
     * index of a parameter of the function whose name goes there.
     *
     * @param parameters the number of parameter slots, -1 if the parameters cannot be named
     */
    public Spelling(List<Object> parts, int parameters) {
        this.parts = List.copyOf(parts);
        this.parameters = parameters;
    }

    /**
     * The declaration with {@code name} declared (e.g. {@code "(*p)"} for a pointer to it) and its
     * parameters named {@code parameterNames}, or left unnamed if that is null.
     *
     * @throws IllegalArgumentException if names are given but the spelling cannot place them
     */
    public String declare(String name, List<String> parameterNames) {
        if (parameterNames != null && parameterNames.size() != parameters) {
            throw new IllegalArgumentException("the spelling names " + parameters + " parameters");
        }
        StringBuilder s = new StringBuilder();
        for (Object p : parts) {
            String text = p == NAME ? name : p instanceof Integer i ? named(parameterNames, i) : (String) p;
            if (!text.isEmpty()) {
                if (!s.isEmpty()) {
                    s.append(' ');
                }
                s.append(text);
            }
        }
        return s.toString();
    }

    private static String named(List<String> names, int i) {
        return names == null ? "" : names.get(i);
    }

    /** Whether {@link #declare} can name the parameters: the parameter list is spelled in the declaration. */
    public boolean namesParameters(int count) {
        return parameters == count;
    }
}

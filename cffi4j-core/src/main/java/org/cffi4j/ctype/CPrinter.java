package org.cffi4j.ctype;

import java.util.StringJoiner;
import org.cffi4j.FFIException;

/**
 * Prints C types in C syntax, reading declarators inside-out as C does: {@code int(*)[5]},
 * {@code char *[3]}, {@code void(*(*)(int))(int)}. The one printer serves messages, generated C
 * and tests.
 *
 * <p>A type built through typedefs can be 100,000 levels deep, or exponentially long once spelled
 * out ({@code typedef t1 (*t2)(t1, t1);}...). Printing takes time linear in the text printed, and
 * the text is bounded: {@link #declare} refuses a type longer than {@value #MAX_LENGTH} characters
 * or with parameter lists nested more than {@value #MAX_NESTING} deep, and {@link #abbreviated}
 * (messages, {@code toString}) prints the rest of one longer than {@value #MESSAGE_LENGTH}
 * characters as {@value #ELIDED}.
 */
public final class CPrinter {
    static final int MAX_LENGTH = 1 << 20;
    static final int MESSAGE_LENGTH = 4_096;
    static final int MAX_NESTING = 64;
    static final String ELIDED = "/*...*/";

    private final FunctionType namingParameters;
    private boolean elided;

    private CPrinter(FunctionType namingParameters) {
        this.namingParameters = namingParameters;
    }

    /**
     * The C declaration of {@code name} with type {@code type}, or the abstract type name when
     * {@code name} is empty: exact, for generated C.
     *
     * @param type the type
     * @param name the declared name, or empty for the abstract type name
     * @return the C text, e.g. {@code int (*name)[5]}
     * @throws FFIException if the type is too large to spell out in C
     */
    public static String declare(CType type, String name) {
        return exact(new CPrinter(null), type, name);
    }

    /**
     * The head of a C definition of the function {@code name} of type {@code type}: as {@link
     * #declare}, with each of the function's own parameters named as its {@link Param} names it
     * (parameters without a name, and those of function types inside it, stay abstract). For
     * generated C: {@code int f(char *s, int n)}.
     *
     * @param type the function's type
     * @param name the function's name
     * @return the C text, without a body or a semicolon
     * @throws FFIException if the type is too large to spell out in C
     */
    public static String definition(FunctionType type, String name) {
        return exact(new CPrinter(type), type, name);
    }

    private static String exact(CPrinter p, CType type, String name) {
        String text = p.declare(type, name, MAX_LENGTH, 0);
        if (p.elided) {
            throw new FFIException("the type '" + abbreviated(type, name) + "' is too large to write out in C (over "
                    + MAX_LENGTH + " characters, or parameter lists nested over " + MAX_NESTING + " deep)");
        }
        return text;
    }

    /**
     * As {@link #declare}, for messages: a type too large to show has its rest elided as {@value #ELIDED}.
     *
     * @param type the type
     * @param name the declared name, or empty for the abstract type name
     * @return the C text, possibly elided
     */
    public static String abbreviated(CType type, String name) {
        return new CPrinter(null).declare(type, name, MESSAGE_LENGTH, 0);
    }

    // budget: the length past which to elide (it shrinks with each nested parameter list). The text
    // before the name grows leftwards: it is built reversed, so that no step copies the whole text.
    private String declare(CType type, String name, int budget, int nesting) {
        StringBuilder left = new StringBuilder();
        StringBuilder right = new StringBuilder();
        CType t = type;
        int qualifiers = 0;
        while (true) {
            int length = left.length() + name.length() + right.length();
            if (length > budget || nesting > MAX_NESTING) {
                elided = true;
                return join(ELIDED, declarator(left, name, right));
            }
            switch (t) {
                case PointerType p -> {
                    left.append(new StringBuilder("*" + Qualifiers.prefix(qualifiers)).reverse());
                    if (p.target() instanceof ArrayType || p.target() instanceof FunctionType) {
                        left.append('(');
                        right.append(')');
                    }
                    qualifiers = p.targetQualifiers();
                    t = p.target();
                }
                case ArrayType a -> {
                    right.append('[').append(lengthText(a.length())).append(']');
                    t = a.element(); // qualifying an array qualifies its items (C11 6.7.3p9): they print with them
                }
                case FunctionType f -> {
                    right.append(parameterList(f, budget - length - 1, nesting + 1));
                    qualifiers = 0;
                    t = f.returnType();
                }
                default -> {
                    return join(Qualifiers.prefix(qualifiers) + t, declarator(left, name, right));
                }
            }
        }
    }

    private static String declarator(StringBuilder reversedLeft, String name, StringBuilder right) {
        return new StringBuilder(reversedLeft)
                .reverse()
                .append(name)
                .append(right)
                .toString();
    }

    private static String join(String base, CharSequence declarator) {
        if (declarator.isEmpty()) {
            return base;
        }
        char first = declarator.charAt(0);
        String joined = first == '(' || first == '[' ? base + declarator : base + " " + declarator;
        return joined.stripTrailing();
    }

    private static String lengthText(long length) {
        if (length == ArrayType.API_MODE_LENGTH) {
            return "...";
        }
        return length < 0 ? "" : Long.toString(length);
    }

    private String parameterList(FunctionType f, int budget, int nesting) {
        if (f.params().isEmpty()) {
            return f.variadic() ? "(...)" : "(void)";
        }
        // Only the defined function's own list, found by identity: a parameter list inside it may
        // be of an equal type.
        boolean named = f == namingParameters;
        StringJoiner j = new StringJoiner(", ", "(", ")");
        for (Param p : f.params()) {
            if (j.length() > budget) {
                elided = true;
                j.add(ELIDED);
                break;
            }
            String name = named && p.name() != null ? p.name() : "";
            j.add(declare(p.type(), name, budget - j.length(), nesting));
        }
        if (f.variadic()) {
            j.add("...");
        }
        return j.toString();
    }
}

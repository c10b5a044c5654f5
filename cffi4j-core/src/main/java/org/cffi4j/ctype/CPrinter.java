package org.cffi4j.ctype;

import java.util.StringJoiner;

/**
 * Prints C types in C syntax, reading declarators inside-out as C does: {@code int(*)[5]},
 * {@code char *[3]}, {@code void(*(*)(int))(int)}. The one printer serves messages, generated C
 * and tests.
 */
public final class CPrinter {
    private CPrinter() {}

    /**
     * The C declaration of {@code name} with type {@code type}, or the abstract type name when
     * {@code name} is empty.
     */
    public static String declare(CType type, String name) {
        StringBuilder declarator = new StringBuilder(name);
        CType t = type;
        int qualifiers = 0;
        while (true) {
            switch (t) {
                case PointerType p -> {
                    declarator.insert(0, "*" + Qualifiers.prefix(qualifiers));
                    if (p.target() instanceof ArrayType || p.target() instanceof FunctionType) {
                        declarator.insert(0, '(').append(')');
                    }
                    qualifiers = p.targetQualifiers();
                    t = p.target();
                    continue;
                }
                case ArrayType a -> {
                    declarator.append('[').append(lengthText(a.length())).append(']');
                    qualifiers = 0;
                    t = a.element();
                    continue;
                }
                case FunctionType f -> {
                    declarator.append(parameterList(f));
                    qualifiers = 0;
                    t = f.returnType();
                    continue;
                }
                default -> {
                    return join(Qualifiers.prefix(qualifiers) + t, declarator);
                }
            }
        }
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

    private static String parameterList(FunctionType f) {
        if (f.params().isEmpty()) {
            return f.variadic() ? "(...)" : "(void)";
        }
        StringJoiner j = new StringJoiner(", ", "(", ")");
        for (Param p : f.params()) {
            j.add(declare(p.type(), ""));
        }
        if (f.variadic()) {
            j.add("...");
        }
        return j.toString();
    }
}

package org.cffi4j.ctype;

/** The C type qualifiers kept by the type model, as bit flags. */
public final class Qualifiers {
    /** {@code const}. */
    public static final int CONST = 1;
    /** {@code volatile}. */
    public static final int VOLATILE = 2;

    private Qualifiers() {}

    /** The qualifiers as C keywords followed by a space, e.g. {@code "const "}; empty if none. */
    public static String prefix(int qualifiers) {
        StringBuilder s = new StringBuilder();
        if ((qualifiers & CONST) != 0) {
            s.append("const ");
        }
        if ((qualifiers & VOLATILE) != 0) {
            s.append("volatile ");
        }
        return s.toString();
    }
}

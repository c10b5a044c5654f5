package org.cffi4j.ctype;

/** The C type qualifiers kept by the type model, as bit flags. */
public final class Qualifiers {
    /** {@code const}. */
    public static final int CONST = 1;
    /** {@code volatile}. */
    public static final int VOLATILE = 2;
    /**
     * {@code restrict}. On a parameter itself C ignores it ({@code char *restrict s} is a {@code char
     * *}); below that ({@code char *restrict *}) it is part of the type, as gcc compares types.
     */
    public static final int RESTRICT = 4;

    private Qualifiers() {}

    /**
     * The qualifiers as C keywords followed by a space, e.g. {@code "const "}; empty if none.
     *
     * @param qualifiers a combination of {@link #CONST}, {@link #VOLATILE} and {@link #RESTRICT}
     * @return the keywords, as they precede a type
     */
    public static String prefix(int qualifiers) {
        StringBuilder s = new StringBuilder();
        if ((qualifiers & CONST) != 0) {
            s.append("const ");
        }
        if ((qualifiers & VOLATILE) != 0) {
            s.append("volatile ");
        }
        if ((qualifiers & RESTRICT) != 0) {
            s.append("restrict ");
        }
        return s.toString();
    }

    /**
     * The flag of a qualifier keyword ({@code const}, {@code __restrict}...), 0 for one that changes no type.
     *
     * @param keyword a qualifier keyword, in any of gcc's spellings
     * @return the flag, or 0
     */
    public static int of(String keyword) {
        if (keyword.contains("const")) {
            return CONST;
        }
        if (keyword.contains("volatile")) {
            return VOLATILE;
        }
        return keyword.contains("restrict") ? RESTRICT : 0;
    }
}

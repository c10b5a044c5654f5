package org.cffi4j.internal.parse;

/**
 * Text from the cdef source as a message shows it: control characters (which would ring a bell,
 * erase the line or move the cursor on a terminal, or break a log line) are written as C escapes,
 * {@code \x01}, {@code \x7f}; a tab is a space; other characters stay as they are.
 */
final class Printable {
    private Printable() {}

    /** {@code text} with its control characters escaped. */
    static String escape(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = replacement(c);
            if (replacement != null && out == null) {
                out = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            if (out != null) {
                if (replacement != null) {
                    out.append(replacement);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }

    /** How many characters the first {@code n} characters of {@code text} take once escaped. */
    static int escapedLength(String text, int n) {
        int length = 0;
        for (int i = 0; i < Math.min(n, text.length()); i++) {
            String r = replacement(text.charAt(i));
            length += r == null ? 1 : r.length();
        }
        return length + Math.max(0, n - text.length());
    }

    private static String replacement(char c) {
        if (c == '\t') {
            return " ";
        }
        if (!Character.isISOControl(c)) {
            return null;
        }
        return String.format("\\x%02x", (int) c);
    }
}

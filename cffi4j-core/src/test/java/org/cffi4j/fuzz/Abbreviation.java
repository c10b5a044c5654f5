package org.cffi4j.fuzz;

/**
 * Shows fuzz inputs in failure messages: quoted, with control and non-ASCII characters escaped
 * (a NUL or a lone surrogate must be visible), and cut in the middle when long.
 */
final class Abbreviation {
    private Abbreviation() {}

    /** {@code s} quoted and escaped, at most about {@code max} characters of it. */
    static String quote(String s, int max) {
        String shown = s.length() <= max
                ? escape(s)
                : escape(s.substring(0, max * 2 / 3)) + "\u2026[" + (s.length() - max) + " chars]\u2026"
                        + escape(s.substring(s.length() - max / 3));
        return "\"" + shown + "\"";
    }

    private static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append("\\\"");
                default -> {
                    if (c >= 0x20 && c < 0x7f) {
                        sb.append(c);
                    } else {
                        sb.append(String.format("\\u%04x", (int) c));
                    }
                }
            }
        }
        return sb.toString();
    }
}

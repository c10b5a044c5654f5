package org.cffi4j.internal.parse;

/**
 * One token of cdef source.
 *
 * @param kind what sort of token
 * @param text its text (for a punctuator, the punctuator; for a directive, its name)
 * @param pos its offset in the cdef source, for error locations
 */
record Token(Kind kind, String text, int pos) {

    /** The sorts of token. */
    enum Kind {
        IDENTIFIER,
        INTEGER,
        FLOATING,
        CHARACTER,
        STRING,
        PUNCTUATOR,
        /** {@code #define} at the start of a line; the directive's tokens follow, then {@link #END_OF_LINE}. */
        DEFINE,
        /** {@code #pragma} at the start of a line; the directive's tokens follow, then {@link #END_OF_LINE}. */
        PRAGMA,
        /** The end of a directive line. */
        END_OF_LINE,
        END_OF_INPUT
    }

    /** Whether this token is the punctuator or identifier (keyword) {@code s}. */
    boolean is(String s) {
        return (kind == Kind.PUNCTUATOR || kind == Kind.IDENTIFIER) && text.equals(s);
    }

    /** The token as a message shows it: {@code 'int'}, or {@code end of input}. */
    String describe() {
        return switch (kind) {
            case END_OF_INPUT -> "end of input";
            case END_OF_LINE -> "end of line";
            case DEFINE -> "'#define'";
            case PRAGMA -> "'#pragma'";
            default -> "'" + Printable.escape(text.length() > 40 ? text.substring(0, 40) + "..." : text) + "'";
        };
    }
}

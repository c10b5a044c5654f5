package org.cffi4j.internal.parse;

import org.cffi4j.CDefException;

/**
 * Builds compiler-like error messages: {@code file:line:column: message}, then the source line and
 * a caret under the column.
 */
final class Diagnostics {
    private final SourceMap map;

    Diagnostics(SourceMap map) {
        this.map = map;
    }

    /** The location of {@code pos} as {@code file:line:column}. */
    String location(int pos) {
        return map.where(pos); // noted for every declaration: must not copy the source line
    }

    /** An error at {@code pos}. */
    CDefException error(int pos, String message) {
        SourceMap.Location loc = map.locate(pos);
        // Control characters are escaped (\x01), so that a message never carries them raw; the caret
        // moves with the escapes.
        String line = Printable.escape(loc.sourceLine());
        int column = Printable.escapedLength(loc.sourceLine(), loc.column() - 1) + 1;
        String shown = line.length() > 160 ? abbreviateAround(line, column) : line;
        int caretColumn = line.length() > 160 ? Math.min(column, 80) : column;
        String text = Printable.escape(loc.file()) + ":" + loc.line() + ":" + loc.column() + ": "
                + Printable.escape(message) + "\n    "
                + shown + "\n    "
                + " ".repeat(Math.max(0, caretColumn - 1)) + "^";
        return new CDefException(text, loc.file(), loc.line(), loc.column());
    }

    private static String abbreviateAround(String line, int column) {
        int from = Math.max(0, column - 80);
        return line.substring(from, Math.min(line.length(), from + 160));
    }
}

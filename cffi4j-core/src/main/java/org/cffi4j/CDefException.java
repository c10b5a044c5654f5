package org.cffi4j;

/**
 * A C declaration given to {@link FFI#cdef(String)} could not be accepted. The message reads like a
 * compiler's: {@code file:line:column: what went wrong}, the source line and a caret under the
 * column. A failed {@code cdef} leaves the {@link FFI} exactly as it was.
 */
public class CDefException extends FFIException {
    private static final long serialVersionUID = 1L;

    /** The file the location refers to. */
    private final String file;
    /** The 1-based line, or 0. */
    private final int line;
    /** The 1-based column, or 0. */
    private final int column;

    /**
     * Creates a declaration error.
     *
     * @param message the full message, location, source line and caret included
     * @param file the file the location refers to ({@code cdef} or a header named by a line marker)
     * @param line the 1-based line, or 0 if unknown
     * @param column the 1-based column, or 0 if unknown
     */
    public CDefException(String message, String file, int line, int column) {
        super(message);
        this.file = file;
        this.line = line;
        this.column = column;
    }

    /**
     * The file the error refers to: {@code cdef}, or the header named by a line marker.
     *
     * @return the file name
     */
    public String file() {
        return file;
    }

    /**
     * The 1-based line of the error in {@link #file()}, or 0 if unknown.
     *
     * @return the line
     */
    public int line() {
        return line;
    }

    /**
     * The 1-based column of the error, or 0 if unknown.
     *
     * @return the column
     */
    public int column() {
        return column;
    }
}

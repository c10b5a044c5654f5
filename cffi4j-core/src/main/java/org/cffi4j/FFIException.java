package org.cffi4j;

/**
 * The root of every exception cffi4j throws. Unchecked: a wrong declaration or a wrong argument is
 * a programming error, like an {@link IllegalArgumentException}. Messages name the C declaration,
 * argument or field involved and what was expected.
 */
public class FFIException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with the given message.
     *
     * @param message what went wrong, naming the C declaration, argument or field
     */
    public FFIException(String message) {
        super(message);
    }

    /**
     * Creates an exception with the given message and cause.
     *
     * @param message what went wrong, naming the C declaration, argument or field
     * @param cause the exception that made the operation fail
     */
    public FFIException(String message, Throwable cause) {
        super(message, cause);
    }
}

package org.cffi4j;

/**
 * API mode could not compile the declarations with the user's C source: the message maps each of
 * the compiler's errors back to the cdef declaration it concerns; {@link #compilerOutput()} is the
 * compiler's own text.
 */
public class CompilationException extends FFIException {
    private static final long serialVersionUID = 1L;

    /** What the C compiler printed. */
    private final String compilerOutput;

    /**
     * Creates the exception with a mapped message and the compiler's output.
     *
     * @param message the compiler's errors, each mapped to the cdef declaration it concerns
     * @param compilerOutput what the C compiler printed
     */
    public CompilationException(String message, String compilerOutput) {
        super(message);
        this.compilerOutput = compilerOutput;
    }

    /**
     * What the C compiler printed.
     *
     * @return the compiler's output, unchanged
     */
    public String compilerOutput() {
        return compilerOutput;
    }
}

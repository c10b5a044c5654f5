package org.cffi4j.fuzz;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.cffi4j.CDefException;
import org.cffi4j.CdefOptions;
import org.cffi4j.FFI;

/**
 * The contract of {@link FFI#cdef(String)} for any input whatever: it returns, or it throws a
 * {@link CDefException} whose message is {@code file:line:column: what}, then the source line,
 * then a caret under the column. Another exception, an {@link Error}, or a CDefException that
 * only wraps an internal failure breaks it.
 */
final class CdefContract {
    /**
     * A message may quote the input (a name, a literal), but beyond this plus twice the input's
     * length it must be printing something without bound, such as a type built by typedefs.
     */
    static final int MAX_MESSAGE_CHARS = 20_000;

    private CdefContract() {}

    /**
     * How one cdef call ended.
     *
     * @param accepted whether cdef returned
     * @param violation what broke the contract, or {@code null} if nothing did
     */
    record Outcome(boolean accepted, String violation) {}

    /** Runs cdef and judges how it ended. */
    static Outcome run(FFI ffi, String source, CdefOptions options) {
        try {
            ffi.cdef(source, options);
            return new Outcome(true, null);
        } catch (CDefException e) {
            return new Outcome(false, badError(e, source.length()));
        } catch (Throwable t) { // any other exception or Error is the bug being looked for
            return new Outcome(false, "threw " + describe(t));
        }
    }

    /** What is wrong with a CDefException, or {@code null} if it is a proper diagnostic. */
    static String badError(CDefException e, int sourceLength) {
        if (e.getCause() != null) {
            return "CDefException wrapping an internal failure: " + describe(e.getCause());
        }
        String m = e.getMessage();
        if (m == null) {
            return "CDefException without a message";
        }
        if (m.length() > MAX_MESSAGE_CHARS + 2L * sourceLength) {
            return "message of " + m.length() + " characters: " + Abbreviation.quote(m, 300);
        }
        String prefix = e.file() + ":" + e.line() + ":" + e.column() + ": ";
        if (e.file().contains("\n") || e.line() < 0 || e.column() < 1 || !m.startsWith(prefix)) {
            return "message does not start with 'file:line:column: ' (file " + Abbreviation.quote(e.file(), 60)
                    + ", line " + e.line() + ", column " + e.column() + "): " + Abbreviation.quote(m, 300);
        }
        String[] lines = m.split("\n", -1);
        String caret = lines[lines.length - 1];
        if (lines.length < 3 || !caret.matches(" {4} *\\^")) {
            return "message does not end with the source line and a caret line: " + Abbreviation.quote(m, 300);
        }
        String shown = lines[lines.length - 2];
        if (caret.length() - 1 > shown.length()) { // the caret may stand just past the last character
            return "caret past the end of the source line: " + Abbreviation.quote(m, 300);
        }
        return null;
    }

    /** A throwable with its message and the top of its stack, for a failure message. */
    static String describe(Throwable t) {
        String frames = Arrays.stream(t.getStackTrace())
                .limit(12)
                .map(f -> "\n        at " + f)
                .collect(Collectors.joining());
        String message = t.getMessage() == null ? "" : ": " + Abbreviation.quote(t.getMessage(), 300);
        return t.getClass().getName() + message + frames;
    }
}

package org.cffi4j.cli;

import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import org.cffi4j.CDefException;
import org.cffi4j.CompilationException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Prints what went wrong in a command as one message, never a stack trace, and gives exit code 1.
 * A cdef error is printed as the parser wrote it, {@code file:line:col: message} with the source
 * line and a caret, as a compiler prints its errors; anything else as {@code cffi4j COMMAND:
 * message}.
 */
final class ErrorReport implements IExecutionExceptionHandler {
    /** The exit code of an error in what the user gave (a cdef, a header, a file). */
    static final int USER_ERROR = 1;

    private static final String JAVA_API_HINT = "(the compiler's full output is in CompilationException";

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) {
        commandLine.getErr().println(message(e, commandLine.getCommandSpec().qualifiedName()));
        return USER_ERROR;
    }

    /** The message for {@code e} thrown by the command {@code command} ({@code cffi4j generate}). */
    static String message(Exception e, String command) {
        return switch (e) {
            case CDefException c -> c.getMessage();
            case CompilationException c -> command + ": " + withoutJavaApiHint(c.getMessage());
            case UncheckedIOException io
            when io.getCause() instanceof NoSuchFileException missing ->
                command + ": no such file: " + missing.getFile();
            case RuntimeException r when r.getMessage() != null -> command + ": " + r.getMessage();
            default -> command + ": " + e;
        };
    }

    /**
     * A compilation error's message without its last line, which points Java callers to {@code
     * compilerOutput()}: a command line user has no such method.
     */
    static String withoutJavaApiHint(String message) {
        return message.lines()
                .filter(line -> !line.startsWith(JAVA_API_HINT))
                .reduce((a, b) -> a + System.lineSeparator() + b)
                .orElse("");
    }
}

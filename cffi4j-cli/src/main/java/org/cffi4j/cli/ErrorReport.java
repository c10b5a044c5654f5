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

    private static final String HEADING = "API mode: the C compiler rejected module ";
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
            case CompilationException c ->
                command + ": the C compiler rejected the cdef or the C source:" + System.lineSeparator() + findings(c);
            case UncheckedIOException io
            when io.getCause() instanceof NoSuchFileException missing ->
                command + ": no such file: " + missing.getFile();
            case RuntimeException r when r.getMessage() != null -> command + ": " + r.getMessage();
            default -> command + ": " + e;
        };
    }

    /**
     * What the C compiler found, from a compilation error's message: each finding at its cdef line
     * where API mode knows it. Without the message's heading, which names the module that only API
     * mode's Java callers name, and its last line, which points them to {@code compilerOutput()}.
     */
    static String findings(CompilationException e) {
        return e.getMessage()
                .lines()
                .filter(line -> !line.startsWith(HEADING) && !line.startsWith(JAVA_API_HINT))
                .reduce((a, b) -> a + System.lineSeparator() + b)
                .orElse("");
    }
}

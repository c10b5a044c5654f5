package org.cffi4j.codegen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The C compiler as the tests' oracle: preprocessed headers, and facts checked by _Static_assert. */
final class Gcc {
    private Gcc() {}

    /** The preprocessor's output of {@code source}, line markers kept (cdef errors cite the headers). */
    static String preprocess(String source, List<String> includeDirs) {
        List<String> command = new ArrayList<>(List.of("cc", "-E", "-x", "c"));
        includeDirs.forEach(d -> command.add("-I" + d));
        command.add("-");
        return run(command, source);
    }

    /**
     * The header's integer constants as cdef takes them: each {@code #define NAME literal} of {@code
     * cc -dM -E} whose name starts with {@code prefix} and whose value is an integer literal.
     */
    static String integerMacros(String source, List<String> includeDirs, String prefix) {
        List<String> command = new ArrayList<>(List.of("cc", "-dM", "-E", "-x", "c"));
        includeDirs.forEach(d -> command.add("-I" + d));
        command.add("-");
        java.util.regex.Pattern literal =
                java.util.regex.Pattern.compile("#define (" + prefix + "\\w*) (-?(0x[0-9a-fA-F]+|[0-9]+))[uUlL]*");
        StringBuilder out = new StringBuilder("# 1 \"macros\"\n");
        for (String line : run(command, source).lines().toList()) {
            var m = literal.matcher(line);
            if (m.matches()) {
                out.append("#define ")
                        .append(m.group(1))
                        .append(' ')
                        .append(m.group(2))
                        .append('\n');
            }
        }
        return out.toString();
    }

    /**
     * Compiles {@code source} with {@code -fsyntax-only}: empty if it compiles, else the compiler's
     * messages (each failed _Static_assert names its fact).
     */
    static String check(String source, List<String> includeDirs) {
        List<String> command = new ArrayList<>(List.of("cc", "-fsyntax-only", "-x", "c"));
        includeDirs.forEach(d -> command.add("-I" + d));
        command.add("-");
        try {
            return run(command, source).isEmpty() ? "" : "";
        } catch (AssertionError e) {
            return e.getMessage();
        }
    }

    private static String run(List<String> command, String input) {
        try {
            Path in = Files.createTempFile("cffi4j-test", ".c");
            try {
                Files.writeString(in, input);
                Process p =
                        new ProcessBuilder(command).redirectInput(in.toFile()).start();
                byte[] err;
                String out;
                try (var stderr = p.getErrorStream()) {
                    var outFuture = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                        try {
                            return new String(p.getInputStream().readAllBytes());
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
                    err = stderr.readAllBytes();
                    out = outFuture.join();
                }
                if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    throw new AssertionError(String.join(" ", command) + " failed:\n" + new String(err));
                }
                return out;
            } finally {
                Files.deleteIfExists(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}

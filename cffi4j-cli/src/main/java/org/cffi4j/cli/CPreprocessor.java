package org.cffi4j.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.cffi4j.FFIException;

/**
 * The C preprocessor of the system compiler ({@code $CC -E}, else {@code cc -E}): turns a C source
 * such as {@code #include <time.h>} into the declarations that {@code cdef} takes as they are, with
 * line markers naming the headers.
 */
final class CPreprocessor {
    private static final long TIMEOUT_SECONDS = 120;

    private CPreprocessor() {}

    /**
     * Preprocesses {@code source}.
     *
     * @param source the C source
     * @param includeDirs {@code -I} directories
     * @param flags further compiler flags
     * @return the preprocessed text
     * @throws FFIException if the compiler cannot be started or rejects the source (with its errors)
     */
    static String preprocess(String source, List<String> includeDirs, List<String> flags) {
        List<String> command = new ArrayList<>(List.of(compiler(), "-E"));
        includeDirs.forEach(d -> command.add("-I" + d));
        command.addAll(flags);
        command.addAll(List.of("-x", "c", "-"));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("LC_ALL", "C"); // plain ASCII quotes in the diagnostics
        try {
            Process p = builder.start();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread errReader = Thread.ofVirtual().start(() -> drain(p, err));
            try (var in = p.getOutputStream()) {
                in.write(source.getBytes(StandardCharsets.UTF_8));
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new FFIException("the C preprocessor did not finish in " + TIMEOUT_SECONDS + " s");
            }
            errReader.join();
            if (p.exitValue() != 0) {
                throw new FFIException(
                        "the C preprocessor (" + compiler() + " -E) rejected the source:" + System.lineSeparator()
                                + err.toString(StandardCharsets.UTF_8).strip());
            }
            return out;
        } catch (IOException e) {
            throw new FFIException("no C compiler found ('" + compiler() + "') to preprocess the source:"
                    + " install one (e.g. 'apt-get install gcc'), or set CC to its path");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FFIException("interrupted while preprocessing the source");
        }
    }

    private static void drain(Process p, ByteArrayOutputStream to) {
        try {
            p.getErrorStream().transferTo(to);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The C compiler: {@code $CC}, else {@code cc}, as API mode chooses it. */
    private static String compiler() {
        String cc = System.getenv("CC");
        return cc == null || cc.isBlank() ? "cc" : cc.strip();
    }
}

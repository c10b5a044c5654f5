package org.cffi4j.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark inputs: {@code cc -E} output of real headers, produced at setup time.
 *
 * <p>{@code java -cp benchmarks.jar org.cffi4j.benchmarks.Inputs DIR} writes each input to {@code
 * DIR/NAME.i}, so that other tools (CFFI) can be timed on exactly the same text.
 */
public final class Inputs {
    /** The names of the inputs, as used by {@link #text(String)}. */
    public static final List<String> NAMES = List.of("sqlite3", "glibc");

    private static final List<String> GLIBC_HEADERS = List.of(
            "stdio.h",
            "stdlib.h",
            "string.h",
            "math.h",
            "time.h",
            "signal.h",
            "pthread.h",
            "sys/socket.h",
            "sys/stat.h",
            "netinet/in.h",
            "dirent.h");

    private Inputs() {}

    /** The headers of an input. */
    public static List<String> headers(String name) {
        return switch (name) {
            case "sqlite3" -> List.of("sqlite3.h");
            case "glibc" -> GLIBC_HEADERS;
            default -> throw new IllegalArgumentException("unknown input '" + name + "': one of " + NAMES);
        };
    }

    /** {@code cc -E} of one translation unit including the input's headers (C compiler: $CC or cc). */
    public static String text(String name) {
        StringBuilder source = new StringBuilder();
        headers(name).forEach(h -> source.append("#include <").append(h).append(">\n"));
        String cc = System.getenv().getOrDefault("CC", "cc");
        return run(List.of(cc.isBlank() ? "cc" : cc, "-E", "-x", "c", "-"), source.toString());
    }

    /** Writes every input to {@code DIR/NAME.i}. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: Inputs DIR");
            System.exit(2);
        }
        Path dir = Files.createDirectories(Path.of(args[0]));
        for (String name : NAMES) {
            Files.writeString(dir.resolve(name + ".i"), text(name), StandardCharsets.UTF_8);
        }
    }

    private static String run(List<String> command, String stdin) {
        try {
            Process p = new ProcessBuilder(command).start();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread errReader = Thread.ofVirtual().start(() -> {
                try {
                    p.getErrorStream().transferTo(err);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            try (var in = p.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + String.join(" ", command));
            }
            errReader.join();
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (is the -dev package of "
                        + "the header installed?):\n" + err.toString(StandardCharsets.UTF_8));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}

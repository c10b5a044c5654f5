package org.cffi4j.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the system C compiler as the test oracle: compiles a C program, runs it and returns what it
 * printed; or preprocesses a header into the text that {@code cdef} must accept.
 */
public final class GccProbe {
    private GccProbe() {}

    /** The C compiler: {@code $CC}, else {@code cc}. */
    public static String compiler() {
        String cc = System.getenv("CC");
        return cc == null || cc.isBlank() ? "cc" : cc;
    }

    /** Compiles {@code cSource} (with extra compiler arguments), runs it, and returns its stdout. */
    public static String compileAndRun(String cSource, String... extraArgs) {
        try {
            Path dir = Files.createTempDirectory("cffi4j-probe");
            try {
                Path src = dir.resolve("probe.c");
                Path exe = dir.resolve("probe");
                Files.writeString(src, cSource, StandardCharsets.UTF_8);
                List<String> cmd = new ArrayList<>(List.of(compiler(), "-w", "-o", exe.toString(), src.toString()));
                cmd.addAll(List.of(extraArgs));
                run(cmd, dir, cSource);
                return run(List.of(exe.toString()), dir, cSource);
            } finally {
                deleteTree(dir);
            }
        } catch (IOException e) {
            throw new AssertionError("probe failed: " + e, e);
        }
    }

    /**
     * Compiles C sources into a shared library {@code lib<name>.so} in {@code outputDir} with
     * {@code cc -shared -fPIC -O2} and the extra arguments (e.g. {@code -pthread}); returns its path.
     */
    public static Path sharedLibrary(String name, Path outputDir, List<Path> sources, String... extraArgs) {
        Path library = outputDir.resolve("lib" + name + ".so");
        List<String> cmd =
                new ArrayList<>(List.of(compiler(), "-shared", "-fPIC", "-O2", "-Wall", "-o", library.toString()));
        sources.forEach(s -> cmd.add(s.toAbsolutePath().toString()));
        cmd.addAll(List.of(extraArgs));
        try {
            run(
                    cmd,
                    outputDir,
                    String.join(", ", sources.stream().map(Path::toString).toList()));
        } catch (IOException e) {
            throw new AssertionError("building " + library + " failed: " + e, e);
        }
        return library;
    }

    /** {@code cc -E} of a C text such as {@code #include <stdio.h>}: what cdef must accept as-is. */
    public static String preprocess(String cSource, String... extraArgs) {
        try {
            Path dir = Files.createTempDirectory("cffi4j-pp");
            try {
                Path src = dir.resolve("pp.c");
                Files.writeString(src, cSource, StandardCharsets.UTF_8);
                List<String> cmd = new ArrayList<>(List.of(compiler(), "-E", src.toString()));
                cmd.addAll(List.of(extraArgs));
                return run(cmd, dir, cSource);
            } finally {
                deleteTree(dir);
            }
        } catch (IOException e) {
            throw new AssertionError("preprocessing failed: " + e, e);
        }
    }

    /**
     * The compiler's diagnostics for a C text it only checks ({@code cc -fsyntax-only}, warnings
     * off): empty if it accepts the text, its error lines ({@code file:line:column: error: ...})
     * otherwise.
     */
    public static String syntaxErrors(String cSource) {
        try {
            Path dir = Files.createTempDirectory("cffi4j-check");
            try {
                Path src = dir.resolve("check.c");
                Files.writeString(src, cSource, StandardCharsets.UTF_8);
                Process p = new ProcessBuilder(compiler(), "-fsyntax-only", "-w", "-fmax-errors=0", src.toString())
                        .directory(dir.toFile())
                        .redirectErrorStream(true)
                        .start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(120, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new AssertionError("timed out checking C");
                }
                return out;
            } finally {
                deleteTree(dir);
            }
        } catch (IOException e) {
            throw new AssertionError("checking C failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static String run(List<String> cmd, Path dir, String source) throws IOException {
        Process p = new ProcessBuilder(cmd)
                .directory(dir.toFile())
                .redirectErrorStream(false)
                .start();
        // Read both streams fully; the output may be large (a preprocessed header).
        var out = new java.io.ByteArrayOutputStream();
        var err = new java.io.ByteArrayOutputStream();
        Thread errReader = Thread.ofVirtual().start(() -> {
            try {
                p.getErrorStream().transferTo(err);
            } catch (IOException ignored) {
                // the process died; its exit code tells
            }
        });
        p.getInputStream().transferTo(out);
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + cmd);
            }
            errReader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        if (p.exitValue() != 0) {
            throw new AssertionError("command failed (" + p.exitValue() + "): " + String.join(" ", cmd) + "\n"
                    + err.toString(StandardCharsets.UTF_8) + "\n--- source ---\n" + abbreviate(source));
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String abbreviate(String s) {
        return s.length() > 4000 ? s.substring(0, 4000) + "\n..." : s;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        }
    }
}

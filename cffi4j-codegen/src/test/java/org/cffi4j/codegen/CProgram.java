package org.cffi4j.codegen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A C program compiled by gcc in a test and run as a process of its own, as a C user would. */
final class CProgram {
    private final Path executable;

    private CProgram(Path executable) {
        this.executable = executable;
    }

    /** What a run printed and returned. */
    record Run(int exitCode, String out, String err) {
        String describe() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /**
     * Compiles {@code source} (a file of the test resources' {@code c/} directory, or text) with
     * gcc, linked with the embedded library {@code lib<name>.so} of {@code libDir} and pthreads.
     */
    static CProgram compile(Path dir, String name, String source, Path libDir, String library, String... more) {
        try {
            Path c = dir.resolve(name + ".c");
            Files.writeString(c, source);
            Path exe = dir.resolve(name);
            List<String> cmd = new ArrayList<>(List.of(
                    "gcc",
                    "-O1",
                    "-Wall",
                    "-Werror",
                    "-o",
                    exe.toString(),
                    c.toString(),
                    "-I" + libDir,
                    "-L" + libDir,
                    "-Wl,-rpath," + libDir));
            if (library != null) {
                cmd.add("-l" + library);
            }
            cmd.addAll(List.of(more));
            cmd.add("-lpthread");
            Run r = run(cmd, Map.of(), dir);
            if (r.exitCode() != 0) {
                throw new AssertionError(String.join(" ", cmd) + " failed:\n" + r.err() + r.out());
            }
            return new CProgram(exe);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text of a C source kept in the test resources' {@code c/} directory. */
    static String resource(String file) {
        try (var in = CProgram.class.getResourceAsStream("/c/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new AssertionError("no test resource c/" + file, e);
        }
    }

    /**
     * Runs the program with {@code env} added to this JVM's environment (a null value removes the
     * variable), and the arguments.
     */
    Run run(Map<String, String> env, String... args) {
        List<String> cmd = new ArrayList<>(List.of(executable.toString()));
        cmd.addAll(List.of(args));
        return run(cmd, env, executable.getParent());
    }

    static Run run(List<String> cmd, Map<String, String> env, Path dir) {
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
            env.forEach((k, v) -> {
                if (v == null) {
                    pb.environment().remove(k);
                } else {
                    pb.environment().put(k, v);
                }
            });
            Process p = pb.start();
            p.getOutputStream().close();
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
            String out = read(p.getInputStream());
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", cmd) + " did not finish in 300 s; stdout:\n" + out);
            }
            return new Run(p.exitValue(), out, err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String read(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

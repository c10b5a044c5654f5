package org.cffi4j.internal.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.cffi4j.FFIException;
import org.cffi4j.SourceOptions;

/** The system C compiler ({@code $CC}, else {@code cc}): its identity, and compiling a shared library. */
final class Toolchain {
    private final String compiler;

    private Toolchain(String compiler) {
        this.compiler = compiler;
    }

    static Toolchain find() {
        String cc = System.getenv("CC");
        return new Toolchain(cc == null || cc.isBlank() ? "cc" : cc.strip());
    }

    /** What identifies the compiler for the cache: its version banner and target. */
    String identity() {
        Result v = run(List.of(compiler, "--version"), null);
        Result m = run(List.of(compiler, "-dumpmachine"), null);
        return v.output.lines().findFirst().orElse("") + "|" + m.output.strip();
    }

    /** The result of a command: exit code and merged output. */
    record Result(int exitCode, String output) {}

    /**
     * Compiles {@code cFile} (and the extra sources) into the shared library {@code out}, in the
     * directory of both.
     */
    Result compileSharedLibrary(Path cFile, Path out, SourceOptions o) {
        // --no-as-needed: the module must depend on every library even when its C code references
        // nothing in one (a cdef of only variadic functions or globals): Java finds them through it.
        List<String> cmd = new ArrayList<>(List.of(
                compiler,
                "-shared",
                "-fPIC",
                "-O2",
                "-Wl,--no-as-needed",
                "-o",
                out.getFileName().toString(),
                "-Werror=incompatible-pointer-types",
                "-Werror=implicit-function-declaration",
                "-Werror=int-conversion",
                "-Wno-unused-function",
                "-Wno-deprecated-declarations"));
        // The compiler runs in the build directory: paths relative to ours are made absolute.
        o.includeDirs().forEach(d -> cmd.add("-I" + absolute(d)));
        o.defineMacros().forEach(m -> cmd.add("-D" + m));
        cmd.addAll(o.extraCompileArgs());
        // Relative names, in the build directory: two builds of the same inputs give the same bytes.
        cmd.add(cFile.getFileName().toString());
        o.sources().forEach(s -> cmd.add(absolute(s)));
        o.libraryDirs().forEach(d -> cmd.add("-L" + absolute(d)));
        o.libraries().forEach(l -> cmd.add("-l" + l));
        cmd.addAll(o.extraLinkArgs());
        return run(cmd, cFile.getParent());
    }

    static String absolute(String path) {
        return Path.of(path).toAbsolutePath().toString();
    }

    private Result run(List<String> cmd, Path dir) {
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            pb.environment().put("LC_ALL", "C"); // plain ASCII quotes in the diagnostics we map
            if (dir != null) {
                pb.directory(dir.toFile());
            }
            Process p = pb.start();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            p.getInputStream().transferTo(out);
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new FFIException("the C compiler did not finish in 300 s: " + String.join(" ", cmd));
            }
            return new Result(p.exitValue(), out.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new FFIException(
                    "no C compiler found ('" + compiler + "'): API mode compiles C with the system compiler."
                            + " Install one (e.g. 'apt-get install gcc' or 'dnf install gcc'), or set CC to its path",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FFIException("interrupted while compiling", e);
        }
    }
}

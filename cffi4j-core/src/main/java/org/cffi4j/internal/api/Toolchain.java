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
     * Compiles {@code cFile} and the extra C files into objects, in the directory of {@code cFile}
     * (their names are added to {@code objects}); stops at the first that fails.
     */
    Result compileObjects(Path cFile, SourceOptions o, List<Path> objects) {
        Path dir = cFile.getParent();
        List<String> sources = new ArrayList<>();
        // Relative names, in the build directory: two builds of the same inputs give the same bytes.
        sources.add(cFile.getFileName().toString());
        o.sources().forEach(s -> sources.add(absolute(s)));
        Result r = new Result(0, "");
        for (int i = 0; i < sources.size() && r.exitCode() == 0; i++) {
            Path object = dir.resolve("object" + i + ".o");
            List<String> cmd = new ArrayList<>(List.of(
                    compiler,
                    "-c",
                    "-fPIC",
                    "-O2",
                    "-o",
                    object.getFileName().toString(),
                    "-Werror=incompatible-pointer-types",
                    "-Werror=implicit-function-declaration",
                    "-Werror=int-conversion",
                    "-Wno-unused-function",
                    "-Wno-deprecated-declarations"));
            // The compiler runs in the build directory: paths relative to ours are made absolute.
            o.includeDirs().forEach(d -> cmd.add("-I" + absolute(d)));
            o.defineMacros().forEach(m -> cmd.add("-D" + m));
            cmd.addAll(o.extraCompileArgs());
            cmd.add(sources.get(i));
            r = run(cmd, dir);
            objects.add(object);
        }
        return r;
    }

    /** Compiles and links {@code sources} into the shared library {@code out} in one run. */
    Result sharedLibrary(List<Path> sources, Path out, List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(compiler, "-shared", "-fPIC", "-O2", "-o", out.toString()));
        sources.forEach(s -> cmd.add(s.toString()));
        cmd.addAll(args);
        return run(cmd, null);
    }

    /**
     * Links objects into the shared library {@code out}, giving each of {@code nullSymbols} the
     * address 0 (symbols that no linked library defines).
     */
    Result link(List<Path> objects, Path out, SourceOptions o, java.util.Collection<String> nullSymbols) {
        // --no-as-needed: the module must depend on every library even when its C code references
        // nothing in one (a cdef of only variadic functions or globals): Java finds them through it.
        // -z defs with --warn-unresolved-symbols: every symbol that the linked libraries do not
        // define is named in a warning, not an error (see unresolvedSymbols).
        List<String> cmd = new ArrayList<>(List.of(
                compiler,
                "-shared",
                "-fPIC",
                "-O2",
                "-Wl,--no-as-needed",
                "-Wl,-z,defs",
                "-Wl,--warn-unresolved-symbols",
                "-o",
                out.getFileName().toString()));
        cmd.addAll(o.extraCompileArgs()); // those that matter to the link too (-pthread, -fsanitize...)
        objects.forEach(f -> cmd.add(f.getFileName().toString()));
        o.libraryDirs().forEach(d -> cmd.add("-L" + absolute(d)));
        o.libraries().forEach(l -> cmd.add("-l" + l));
        cmd.addAll(o.extraLinkArgs());
        nullSymbols.forEach(s -> cmd.add("-Wl,--defsym=" + s + "=0"));
        return run(cmd, out.getParent());
    }

    private static final java.util.regex.Pattern UNRESOLVED =
            java.util.regex.Pattern.compile("undefined (?:reference to|symbol:) [`']?([^'`\\s]+)");

    /** The symbols that the linker reported as defined by none of the linked libraries (GNU ld, gold, lld). */
    /** The message of a missing compiler, with how to get one on the OS. */
    static String noCompiler(String compiler, org.cffi4j.internal.platform.Abi.Os os) {
        String install = switch (os) {
            case LINUX -> "Install one (e.g. 'apt-get install gcc' or 'dnf install gcc')";
            case MACOS -> "Install Apple's command line tools ('xcode-select --install'), which provide cc and clang";
            case WINDOWS -> "On Windows API mode needs a MinGW-w64 gcc or clang on the PATH; install one";
        };
        return "no C compiler found ('" + compiler + "'): API mode compiles C with the system compiler. " + install
                + ", or set CC to its path";
    }

    static java.util.Set<String> unresolvedSymbols(String linkerOutput) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        java.util.regex.Matcher m = UNRESOLVED.matcher(linkerOutput);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
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
                    noCompiler(
                            compiler, org.cffi4j.internal.platform.Abi.current().os()),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FFIException("interrupted while compiling", e);
        }
    }
}

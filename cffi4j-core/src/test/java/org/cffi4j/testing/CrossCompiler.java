package org.cffi4j.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The C compiler of each named platform, used as an oracle that never runs what it compiles: a
 * Debian cross gcc for the Linux platforms, clang with a {@code --target} for macOS and Windows.
 * Both judge {@code _Static_assert}s with {@code -fsyntax-only} and no system headers ({@code
 * -ffreestanding}: only the compiler's own stddef.h and stdint.h).
 *
 * @param platform the platform's name ({@code org.cffi4j.Platform#name()})
 * @param command the compiler and its target flags
 * @param debianPackage the package that provides the compiler
 */
public record CrossCompiler(String platform, List<String> command, String debianPackage) {
    private static final Map<String, CrossCompiler> BY_PLATFORM = Map.ofEntries(
            gcc("x86_64-linux", "x86_64-linux-gnu-gcc", "gcc-x86-64-linux-gnu (gcc on x86-64)"),
            gcc("aarch64-linux", "aarch64-linux-gnu-gcc", "gcc-aarch64-linux-gnu"),
            gcc("i386-linux", "i686-linux-gnu-gcc", "gcc-i686-linux-gnu"),
            gcc("armhf-linux", "arm-linux-gnueabihf-gcc", "gcc-arm-linux-gnueabihf"),
            gcc("riscv64-linux", "riscv64-linux-gnu-gcc", "gcc-riscv64-linux-gnu"),
            gcc("ppc64le-linux", "powerpc64le-linux-gnu-gcc", "gcc-powerpc64le-linux-gnu"),
            gcc("s390x-linux", "s390x-linux-gnu-gcc", "gcc-s390x-linux-gnu"),
            clang("x86_64-macos", "x86_64-apple-macos"),
            clang("aarch64-macos", "arm64-apple-macos"),
            clang("x86_64-windows", "x86_64-pc-windows-msvc"),
            clang("aarch64-windows", "aarch64-pc-windows-msvc"));

    private static Map.Entry<String, CrossCompiler> gcc(String platform, String command, String pkg) {
        return Map.entry(platform, new CrossCompiler(platform, List.of(command), pkg));
    }

    private static Map.Entry<String, CrossCompiler> clang(String platform, String target) {
        return Map.entry(platform, new CrossCompiler(platform, List.of("clang", "--target=" + target), "clang"));
    }

    /** The compiler of a platform. */
    public static CrossCompiler of(String platform) {
        CrossCompiler c = BY_PLATFORM.get(platform);
        if (c == null) {
            throw new IllegalArgumentException("no compiler known for " + platform);
        }
        return c;
    }

    /** Whether the compiler is installed (found on the PATH). */
    public boolean isInstalled() {
        String exe = command.get(0);
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, exe))) {
                return true;
            }
        }
        return false;
    }

    /** Compiles {@code cSource} to assembly ({@code -S}, nothing linked or run) and returns it. */
    public String assembly(String cSource) {
        return run(cSource, List.of("-std=gnu11", "-ffreestanding", "-S", "-o", "-", "-w"), true);
    }

    /**
     * Compiles {@code cSource} with {@code -fsyntax-only} and returns the compiler's error lines, none
     * if it compiled.
     */
    public List<String> errors(String cSource) {
        List<String> flags = new ArrayList<>(List.of("-std=gnu11", "-ffreestanding", "-fsyntax-only", "-w"));
        if (command.get(0).equals("clang")) {
            flags.add("-ferror-limit=0");
        }
        return run(cSource, flags, false)
                .lines()
                .filter(l -> l.contains("error:"))
                .toList();
    }

    // The compiler's output (stdout, and stderr unless onlyStdout) on the source.
    private String run(String cSource, List<String> flags, boolean onlyStdout) {
        try {
            Path dir = Files.createTempDirectory("cffi4j-cross");
            try {
                Path src = dir.resolve("oracle.c");
                Files.writeString(src, cSource, StandardCharsets.UTF_8);
                List<String> cmd = new ArrayList<>(command);
                cmd.addAll(flags);
                cmd.add(src.toString());
                ProcessBuilder pb = new ProcessBuilder(cmd);
                if (onlyStdout) {
                    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
                } else {
                    pb.redirectErrorStream(true);
                }
                Process p = pb.start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(5, TimeUnit.MINUTES)) {
                    p.destroyForcibly();
                    throw new AssertionError(String.join(" ", cmd) + " did not finish");
                }
                return out;
            } finally {
                try (var files = Files.list(dir)) {
                    for (Path f : files.toList()) {
                        Files.delete(f);
                    }
                }
                Files.delete(dir);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}

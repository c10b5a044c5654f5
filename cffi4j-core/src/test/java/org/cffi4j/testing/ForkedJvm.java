package org.cffi4j.testing;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class of the tests in a new JVM, set up as this one: on the module path with the
 * test classes patched into {@code org.cffi4j} when the tests run as a module (as Maven's surefire
 * runs them), else on the class path (as an IDE may run them); optionally with environment
 * variables, which a running JVM cannot change for itself.
 */
public final class ForkedJvm {
    /** What the forked JVM did. */
    public record Result(int exitCode, String stdout, String stderr) {
        /** The lines of stdout. */
        public List<String> lines() {
            return stdout.lines().toList();
        }

        /** stdout then stderr. */
        public String output() {
            return stdout + stderr;
        }

        /** For assertion messages: the whole output. */
        public String transcript() {
            return "exit code " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    private ForkedJvm() {}

    /** Runs {@code mainClass} with JVM options and program arguments. */
    public static Result run(Class<?> mainClass, List<String> jvmOptions, String... args) {
        return run(mainClass, Map.of(), jvmOptions, args);
    }

    /** Runs {@code mainClass} with environment variables, JVM options and program arguments. */
    public static Result run(
            Class<?> mainClass, Map<String, String> environment, List<String> jvmOptions, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // A crash is what the tests look for: its report goes to the temp dir, not into the source tree.
        cmd.add("-XX:ErrorFile=" + Path.of(System.getProperty("java.io.tmpdir"), "cffi4j-hs_err_%p.log"));
        cmd.add("-XX:-CreateCoredumpOnCrash");
        cmd.addAll(jvmOptions);
        Module module = ForkedJvm.class.getModule();
        if (module.isNamed()) {
            cmd.addAll(List.of(
                    "--enable-native-access=" + module.getName(),
                    "--module-path",
                    System.getProperty("jdk.module.path"),
                    "--patch-module",
                    module.getName() + "=" + testClasses(),
                    "--add-modules",
                    module.getName(),
                    "-m",
                    module.getName() + "/" + mainClass.getName()));
        } else {
            cmd.addAll(List.of(
                    "--enable-native-access=ALL-UNNAMED",
                    "-cp",
                    System.getProperty("java.class.path"),
                    mainClass.getName()));
        }
        cmd.addAll(List.of(args));
        return exec(cmd, environment);
    }

    private static Result exec(List<String> cmd, Map<String, String> environment) {
        try {
            // Output goes to files: a pipe could fill up and block the child while we wait for it.
            Path out = Files.createTempFile("cffi4j-fork", ".out");
            Path err = Files.createTempFile("cffi4j-fork", ".err");
            try {
                ProcessBuilder pb =
                        new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
                pb.environment().putAll(environment);
                Process p = pb.start();
                if (!p.waitFor(300, TimeUnit.SECONDS)) { // a hung JVM fails the test, late but surely
                    p.destroyForcibly().waitFor();
                    throw new AssertionError("forked JVM timed out: " + String.join(" ", cmd) + "\n"
                            + Files.readString(out, StandardCharsets.UTF_8));
                }
                return new Result(
                        p.exitValue(),
                        Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot fork a JVM: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for a forked JVM", e);
        }
    }

    // The directory (or jar) the test classes were loaded from.
    private static String testClasses() {
        try {
            return Path.of(ForkedJvm.class
                            .getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toString();
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }
}

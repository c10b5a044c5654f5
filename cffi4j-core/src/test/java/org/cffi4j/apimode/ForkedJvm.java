package org.cffi4j.apimode;

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
 * Runs a main class of the tests in a new JVM with extra environment variables (which a running
 * JVM cannot change for itself), on the module path as surefire runs the tests, else on the class
 * path. Returns the exit code and the merged output.
 */
final class ForkedJvm {
    record Result(int exitCode, String output) {}

    private ForkedJvm() {}

    static Result run(Class<?> mainClass, Map<String, String> environment, List<String> jvmOptions) {
        List<String> cmd = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
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
        try {
            Path out = Files.createTempFile("cffi4j-fork", ".out"); // a file: a full pipe could block the child
            try {
                ProcessBuilder pb =
                        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile());
                pb.environment().putAll(environment);
                Process p = pb.start();
                if (!p.waitFor(120, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor();
                    throw new AssertionError("forked JVM timed out: " + String.join(" ", cmd));
                }
                return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
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

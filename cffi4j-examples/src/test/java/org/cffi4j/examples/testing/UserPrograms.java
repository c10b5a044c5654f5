package org.cffi4j.examples.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.cffi4j.FFI;

/**
 * Runs a user's program as a user would, with the JDK's own tools in child processes: compiled as
 * a named module against cffi4j's jar (or classes) and launched from the module path, or any
 * command (the source launcher, jshell) in a work directory.
 */
public final class UserPrograms {
    private static final Path JAVA_BIN = Path.of(System.getProperty("java.home"), "bin");

    private final Path work;

    /** Programs whose files and outputs go to {@code work}. */
    public UserPrograms(Path work) {
        this.work = work;
    }

    /** What a child process did. */
    public record Result(int exitCode, String stdout, String stderr) {
        /** The exit code and both outputs, for a failed assertion's message. */
        public String transcript() {
            return "exit code " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    /** A JDK tool ({@code java}, {@code javac}, {@code jshell}) by name. */
    public static String tool(String name) {
        return JAVA_BIN.resolve(name).toString();
    }

    /** Where cffi4j's classes are: its jar, or its build's class directory. */
    public static String cffi4j() {
        try {
            return Path.of(FFI.class
                            .getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Compiles a named module that requires cffi4j from its {@code module-info.java} text and its
     * classes' sources (path below the source root → text), and runs {@code mainClass} in it from
     * the module path with native access for cffi4j.
     */
    public Result runAsModule(String moduleInfo, Map<String, String> sources, String module, String mainClass)
            throws IOException, InterruptedException {
        Path src = work.resolve("src");
        List<String> javac = new ArrayList<>(List.of(tool("javac"), "--module-path", cffi4j(), "-d"));
        Path classes = work.resolve("classes");
        javac.add(classes.toString());
        javac.add(write(src.resolve("module-info.java"), moduleInfo));
        for (Map.Entry<String, String> source : sources.entrySet()) {
            javac.add(write(src.resolve(source.getKey()), source.getValue()));
        }
        Result compiled = run(false, javac);
        assertEquals(0, compiled.exitCode(), compiled.transcript());
        return run(
                false,
                List.of(
                        tool("java"),
                        "--enable-native-access=org.cffi4j",
                        "--module-path",
                        cffi4j() + File.pathSeparator + classes,
                        "-m",
                        module + "/" + mainClass));
    }

    /**
     * Runs a command in the work directory, its output in files (a pipe could fill up and block
     * it); {@code mergeStderr} keeps the two outputs in the order they were written.
     */
    public Result run(boolean mergeStderr, List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile(work, "out", ".txt");
        Path err = Files.createTempFile(work, "err", ".txt");
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(work.toFile()).redirectOutput(out.toFile());
        Process p = (mergeStderr ? builder.redirectErrorStream(true) : builder.redirectError(err.toFile())).start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static String write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file.toString();
    }
}

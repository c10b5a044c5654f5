package org.example.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A C program compiled with gcc against target/embedded calls PluginImpl through libplugin.so. */
class PluginLibraryTest {
    private static final Path EMBEDDED = Path.of("target/embedded").toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    void theCProgramGetsTheJavaMethodsResults() throws Exception {
        Path program = dir.resolve("main");
        run(List.of(
                "gcc",
                Path.of("src/test/c/main.c").toAbsolutePath().toString(),
                "-I" + EMBEDDED,
                "-L" + EMBEDDED,
                "-lplugin",
                "-Wl,-rpath," + EMBEDDED,
                "-o",
                program.toString()));

        String output = run(List.of(program.toString()));

        assertEquals("add(40, 2) = 42\nword_count = 4\nsum = 7.75\ncalls = 3\n", output);
    }

    // Runs a command; the library starts the JVM of CFFI4J_JAVA_HOME, the one running this test.
    private static String run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("CFFI4J_JAVA_HOME", System.getProperty("java.home"));
        Process p = builder.start();
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), command + " did not finish");
        assertEquals(0, p.exitValue(), command + " printed\n" + output);
        return output;
    }
}

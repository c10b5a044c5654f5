package org.cffi4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command a Gradle JavaExec task runs (docs/MAVEN-PLUGIN.md): {@code java -cp <the CLI and its
 * dependencies> org.cffi4j.cli.Main generate ...} in a JVM of its own writes the binding.
 */
class GradleCommandLineTest {
    @TempDir
    Path dir;

    @Test
    void theMainClassGeneratesInAJvmOfItsOwn() throws Exception {
        Path cdef = Files.writeString(
                dir.resolve("zlib.cdef"),
                "unsigned long crc32(unsigned long crc," + " const unsigned char *buf, unsigned int len);\n");
        Path out = dir.resolve("generated");
        String classPath = String.join(
                java.io.File.pathSeparator,
                List.of(System.getProperty("jdk.module.path", ""), System.getProperty("java.class.path", "")));
        Process p = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "--enable-native-access=ALL-UNNAMED",
                        "-cp",
                        classPath,
                        "org.cffi4j.cli.Main",
                        "generate",
                        "--cdef",
                        cdef.toString(),
                        "--class",
                        "org.example.Zlib",
                        "--library",
                        "z",
                        "--out",
                        out.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), output);
        Path java = out.resolve("org/example/Zlib.java");
        assertEquals(
                "wrote " + java + "\nwrote " + out.resolve("META-INF/cffi4j/cdef/org.example.Zlib.cdef") + "\n",
                output);
        assertTrue(Files.readString(java).contains("public static long crc32(long crc, MemorySegment buf, int len)"));
    }
}

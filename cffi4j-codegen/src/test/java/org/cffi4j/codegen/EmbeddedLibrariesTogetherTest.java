package org.cffi4j.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two embedded libraries in one C program, each with its own class path: the first call starts
 * the JVM with the first's; the second uses that JVM and finds its class on its own class path.
 */
class EmbeddedLibrariesTogetherTest {
    @TempDir
    Path dir;

    static final String SECOND = """
            package org.example.second;

            public class Greeter {
                public static int answer(int bias) {
                    return 42 + bias;
                }
            }
            """;

    static final String MAIN = """
            #include <stdio.h>
            int add(int a, int b);
            int answer(int bias);
            int main(void) {
                int sum = add(2, 3);
                printf("%d %d\\n", sum, answer(1));
                return 0;
            }
            """;

    @Test
    void theSecondLibraryFindsItsClassInTheJvmTheFirstStarted() throws Exception {
        Path src = Files.createDirectories(dir.resolve("second/src/org/example/second"));
        Path classes = Files.createDirectories(dir.resolve("second/classes"));
        Files.writeString(src.resolve("Greeter.java"), SECOND);
        Embedded.javac(src.resolve("Greeter.java"), classes);
        Path libs = Files.createDirectories(dir.resolve("libs"));
        Embedder.build(Embedded.spec("plugin.cdef", EmbeddedPlugin.class, "plugin"), libs);
        Embedder.build(
                EmbeddingSpec.of(
                                "org.example.second.Greeter",
                                List.of(new CdefSource("second.cdef", "int answer(int bias);")),
                                List.of(classes.toString()))
                        .withLibraryName("second")
                        .withJavaHome(System.getProperty("java.home")),
                libs);
        CProgram p = CProgram.compile(dir, "main", MAIN, libs, "plugin", "-lsecond");
        CProgram.Run r = p.run(EmbeddedLibraryTest.cleanEnvironment());
        assertEquals("5 43\n", r.out(), r.describe());
        assertEquals("", r.err());
    }
}

package org.cffi4j.examples.modules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cffi4j.examples.testing.UserPrograms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interfaces bound where cffi4j's class loader cannot see them, as users run the JDK's own tools:
 * jshell (its snippets live in a class loader of their own) and the source launcher ({@code java
 * Main.java}, whose classes are compiled in memory into another). Each binding is a hidden class,
 * as on the class path, not a {@code java.lang.reflect.Proxy}, and calls C.
 */
class LaunchersBindTest {
    private static final String DECLARATIONS = """
            interface LibC {
                int abs(int x);
                long strlen(String s);
            }
            """;

    private static final String USE = """
            FFI ffi = new FFI();
            ffi.cdef("int abs(int); size_t strlen(const char *);");
            LibC c = ffi.dlopen(null).bind(LibC.class);
            System.out.println(c.getClass().isHidden() + " " + java.lang.reflect.Proxy.isProxyClass(c.getClass()));
            System.out.println(c.abs(-5) + " " + c.strlen("hello!"));
            """;

    private static final List<String> EXPECTED = List.of("true false", "5 6");

    @TempDir
    Path work;

    @Test
    void theSourceLauncherBindsToAHiddenClass() throws Exception {
        Path main = work.resolve("Main.java");
        Files.writeString(
                main,
                "import org.cffi4j.FFI;\n\npublic class Main {\n" + DECLARATIONS
                        + "\npublic static void main(String[] args) {\n" + USE + "}\n}\n");
        UserPrograms.Result ran = new UserPrograms(work)
                .run(
                        false,
                        List.of(
                                UserPrograms.tool("java"),
                                "--enable-native-access=ALL-UNNAMED",
                                "-cp",
                                UserPrograms.cffi4j(),
                                main.toString()));
        assertEquals(0, ran.exitCode(), ran.transcript());
        assertEquals("", ran.stderr(), ran.transcript());
        assertEquals(EXPECTED, ran.stdout().lines().toList(), ran.transcript());
    }

    @Test
    void jshellBindsToAHiddenClass() throws Exception {
        Path script = work.resolve("bind.jsh");
        Files.writeString(script, "import org.cffi4j.FFI;\n" + DECLARATIONS + USE + "/exit\n");
        UserPrograms.Result ran = new UserPrograms(work)
                .run(
                        false, // stderr: jshell's notes (a new preferences directory), and errors
                        List.of(
                                UserPrograms.tool("jshell"),
                                "--no-startup",
                                "--feedback",
                                "silent",
                                "--class-path",
                                UserPrograms.cffi4j(),
                                "-R--enable-native-access=ALL-UNNAMED",
                                "-J-Djava.util.prefs.userRoot=" + work.resolve("prefs"),
                                script.toString()));
        assertEquals(0, ran.exitCode(), ran.transcript());
        assertEquals(EXPECTED, ran.stdout().lines().toList(), ran.transcript());
    }
}

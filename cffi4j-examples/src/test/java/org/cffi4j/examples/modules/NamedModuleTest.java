package org.cffi4j.examples.modules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.cffi4j.FFI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's named module that does not export its package to cffi4j: a callback of one of its
 * interfaces is refused with the exact line its module-info.java needs, and with that line added
 * (as the README shows) the same program works. A bound interface works either way (unexported, it
 * is implemented by a {@code java.lang.reflect.Proxy}).
 */
class NamedModuleTest {
    private static final Path JAVA_BIN = Path.of(System.getProperty("java.home"), "bin");

    private static final String PROGRAM = """
            package com.example.app;

            import org.cffi4j.FFI;
            import org.cffi4j.FFIException;

            public class Callbacks {
                public interface IntOp {
                    int apply(int x);
                }

                interface Hidden {
                    int apply(int x);
                }

                public interface LibC {
                    long strlen(String s);
                }

                public static void main(String[] args) {
                    FFI ffi = new FFI();
                    ffi.cdef("unsigned long strlen(const char *s);");
                    System.out.println(ffi.dlopen(null).bind(LibC.class).strlen("hello"));
                    for (Object fn : new Object[] {(IntOp) x -> x + 1, (Hidden) x -> x + 2}) {
                        try {
                            System.out.println(ffi.callback("int(*)(int)", fn).call(41));
                        } catch (FFIException e) {
                            System.out.println(e.getMessage());
                        }
                    }
                }
            }
            """;

    private static final String HIDDEN_REFUSAL = "cannot call com.example.app.Callbacks$Hidden from a callback"
            + " ('int(*)(int)'): com.example.app.Callbacks$Hidden is not public and the package com.example.app of"
            + " module com.example.app is not open to org.cffi4j: add 'opens com.example.app to org.cffi4j;' to the"
            + " module-info.java of com.example.app (or make it public and add 'exports com.example.app to"
            + " org.cffi4j;')";

    @TempDir
    Path work;

    @Test
    void theRefusalSaysWhatModuleInfoNeeds() throws Exception {
        assertEquals(
                List.of(
                        "5",
                        "cannot call com.example.app.Callbacks$IntOp from a callback ('int(*)(int)'): the package"
                                + " com.example.app of module com.example.app is not exported to org.cffi4j: add"
                                + " 'exports com.example.app to org.cffi4j;' (or 'opens com.example.app to"
                                + " org.cffi4j;') to the module-info.java of com.example.app",
                        HIDDEN_REFUSAL),
                runAsModule("module com.example.app { requires org.cffi4j; }"));
    }

    @Test
    void withTheExportCallbacksOfPublicInterfacesWork() throws Exception {
        assertEquals(
                List.of("5", "42", HIDDEN_REFUSAL),
                runAsModule("module com.example.app { requires org.cffi4j; exports com.example.app to org.cffi4j; }"));
        assertEquals(
                List.of("5", "42", "43"),
                runAsModule("module com.example.app { requires org.cffi4j; opens com.example.app to org.cffi4j; }"));
    }

    private List<String> runAsModule(String moduleInfo) throws Exception {
        Path src = Files.createDirectories(work.resolve("src/com/example/app"));
        Files.writeString(work.resolve("src/module-info.java"), moduleInfo);
        Files.writeString(src.resolve("Callbacks.java"), PROGRAM);
        Path classes = work.resolve("classes");
        run(List.of(
                JAVA_BIN.resolve("javac").toString(),
                "--module-path",
                core(),
                "-d",
                classes.toString(),
                work.resolve("src/module-info.java").toString(),
                src.resolve("Callbacks.java").toString()));
        return run(List.of(
                        JAVA_BIN.resolve("java").toString(),
                        "--enable-native-access=org.cffi4j",
                        "--module-path",
                        core() + java.io.File.pathSeparator + classes,
                        "-m",
                        "com.example.app/com.example.app.Callbacks"))
                .lines()
                .toList();
    }

    private static String core() throws Exception {
        return Path.of(FFI.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI())
                .toString();
    }

    private String run(List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile(work, "out", ".txt");
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        String output = Files.readString(out);
        assertEquals(0, p.exitValue(), command + "\n" + output);
        return output;
    }
}

package org.cffi4j.examples.modules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.cffi4j.examples.testing.UserPrograms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's named module that does not export its package to cffi4j: a callback of one of its
 * interfaces is refused with the exact line its module-info.java needs, and with that line added
 * (as the README shows) the same program works. A bound interface works either way: a hidden class
 * when its package is exported to cffi4j (a public interface) or opened to it (any interface), a
 * {@code java.lang.reflect.Proxy} when neither, the one case where cffi4j cannot define a class
 * that sees the interface.
 */
class NamedModuleTest {
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

                interface QuietLibC {
                    long strlen(String s);
                }

                static String kind(Object binding) {
                    return binding.getClass().isHidden() ? "hidden class"
                            : java.lang.reflect.Proxy.isProxyClass(binding.getClass()) ? "proxy" : "other";
                }

                public static void main(String[] args) {
                    FFI ffi = new FFI();
                    ffi.cdef("unsigned long strlen(const char *s);");
                    LibC libc = ffi.dlopen(null).bind(LibC.class);
                    System.out.println(libc.strlen("hello") + " " + kind(libc));
                    QuietLibC quiet = ffi.dlopen(null).bind(QuietLibC.class);
                    System.out.println(quiet.strlen("hello!") + " " + kind(quiet));
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
                        "5 proxy",
                        "6 proxy",
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
                List.of("5 hidden class", "6 proxy", "42", HIDDEN_REFUSAL),
                runAsModule("module com.example.app { requires org.cffi4j; exports com.example.app to org.cffi4j; }"));
        assertEquals(
                List.of("5 hidden class", "6 hidden class", "42", "43"),
                runAsModule("module com.example.app { requires org.cffi4j; opens com.example.app to org.cffi4j; }"));
    }

    private List<String> runAsModule(String moduleInfo) throws Exception {
        UserPrograms.Result ran = new UserPrograms(work)
                .runAsModule(
                        moduleInfo,
                        Map.of("com/example/app/Callbacks.java", PROGRAM),
                        "com.example.app",
                        "com.example.app.Callbacks");
        assertEquals(0, ran.exitCode(), ran.transcript());
        assertEquals("", ran.stderr(), ran.transcript());
        return ran.stdout().lines().toList();
    }
}

package org.cffi4j.codegen;

import java.nio.file.Path;
import java.util.List;

/** Embedded libraries built for the tests: from a cdef of the test resources' c/ directory. */
final class Embedded {
    private Embedded() {}

    /** The directories of this test run's classes and cffi4j's: what the library's JVM loads. */
    static List<String> classPath() {
        return List.of(location(EmbeddedPlugin.class).toString());
    }

    static Path location(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    /** A spec of the library {@code name} implemented by {@code impl}, starting this test's JDK. */
    static EmbeddingSpec spec(String cdefResource, Class<?> impl, String name) {
        return EmbeddingSpec.of(
                        impl.getName(),
                        List.of(new CdefSource(cdefResource, CProgram.resource(cdefResource))),
                        classPath())
                .withLibraryName(name)
                .withJavaHome(System.getProperty("java.home"));
    }

    /**
     * Compiles one Java source file against cffi4j into {@code classes}, every lint warning but the
     * restricted methods' an error; returns {@code classes}.
     */
    static Path javac(Path source, Path classes) {
        int rc = javax.tools.ToolProvider.getSystemJavaCompiler()
                .run(
                        null,
                        null,
                        null,
                        "-Xlint:all,-restricted",
                        "-Werror",
                        "-d",
                        classes.toString(),
                        "-cp",
                        Compiled.runtimeClassPath(),
                        source.toString());
        org.junit.jupiter.api.Assertions.assertEquals(0, rc, "javac " + source);
        return classes;
    }
}

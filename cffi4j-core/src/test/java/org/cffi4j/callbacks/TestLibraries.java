package org.cffi4j.callbacks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.cffi4j.testing.GccProbe;

/**
 * The small C libraries of the test tree ({@code src/test/c}), compiled with the system C compiler
 * the first time a test needs one, into a temporary directory removed when the JVM exits.
 */
public final class TestLibraries {
    private static final Map<String, Path> BUILT = new ConcurrentHashMap<>();

    private TestLibraries() {}

    /** The path of {@code lib<name>.so} built from {@code src/test/c/<name>.c}. */
    public static Path library(String name, String... extraArgs) {
        return BUILT.computeIfAbsent(name, n -> build(n, extraArgs));
    }

    private static Path build(String name, String... extraArgs) {
        Path source = sources().resolve(name + ".c");
        try {
            Path dir = Files.createTempDirectory("cffi4j-test-c");
            dir.toFile().deleteOnExit();
            Path library = GccProbe.sharedLibrary(name, dir, List.of(source), extraArgs);
            library.toFile().deleteOnExit(); // after dlopen the mapping stays valid without the file
            return library;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // Surefire runs in the module directory; an IDE may run in the project root.
    private static Path sources() {
        for (Path p : List.of(Path.of("src/test/c"), Path.of("cffi4j-core/src/test/c"))) {
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        throw new IllegalStateException(
                "src/test/c not found from " + Path.of("").toAbsolutePath());
    }
}

package org.cffi4j.apimode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The API-mode cache directory of the tests: a temporary directory (through the {@code cffi4j.cache}
 * system property), so that the tests neither use nor fill the user's own cache, and each run
 * starts cold. It is removed when the JVM exits.
 */
final class TestCache {
    private static Path shared;

    private TestCache() {}

    /** Points API mode at the tests' shared temporary cache (once per JVM); returns it. */
    static synchronized Path install() {
        if (shared == null) {
            shared = newDirectory("cffi4j-api-cache");
        }
        System.setProperty("cffi4j.cache", shared.toString());
        return shared;
    }

    /** A new, empty temporary directory removed when the JVM exits. */
    static Path newDirectory(String prefix) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // A loaded module stays mapped after its file is removed.
    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temporary directory is harmless
        }
    }
}

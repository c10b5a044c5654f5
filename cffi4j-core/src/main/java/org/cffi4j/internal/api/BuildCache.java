package org.cffi4j.internal.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.cffi4j.FFIException;

/**
 * Where compiled modules are kept: one file per hash of everything that affects the result (the
 * generated C, the options, the compiler's identity), under {@code $CFFI4J_CACHE} or
 * {@code ~/.cache/cffi4j}. The same inputs never compile twice.
 */
final class BuildCache {
    private BuildCache() {}

    static Path directory() {
        String env = System.getenv("CFFI4J_CACHE");
        Path dir = env != null && !env.isBlank() ? Path.of(env)
                : Path.of(System.getProperty("user.home"), ".cache", "cffi4j");
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new FFIException("cannot create the API-mode cache directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /** A hex SHA-256 of the parts. */
    static String key(String... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String p : parts) {
                md.update(p.getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
            }
            return HexFormat.of().formatHex(md.digest()).substring(0, 24);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

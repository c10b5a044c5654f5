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
 * generated C, the options, the extra C files, the compiler's identity), under the system property
 * {@code cffi4j.cache}, else {@code $CFFI4J_CACHE}, else {@code ~/.cache/cffi4j}. The same inputs
 * never compile twice.
 */
final class BuildCache {
    private BuildCache() {}

    static Path directory() {
        // The property first: a JVM cannot change its own environment (tests, embedding applications).
        String configured = System.getProperty("cffi4j.cache");
        if (configured == null || configured.isBlank()) {
            configured = System.getenv("CFFI4J_CACHE");
        }
        Path dir = configured != null && !configured.isBlank()
                ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".cache", "cffi4j");
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new FFIException("cannot create the API-mode cache directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The text of the extra C files, for the key: editing one must compile again. */
    static String contents(java.util.List<String> files) {
        StringBuilder all = new StringBuilder();
        for (String f : files) {
            try {
                all.append(Files.readString(Path.of(Toolchain.absolute(f)), StandardCharsets.ISO_8859_1))
                        .append('\0');
            } catch (IOException e) {
                all.append("unreadable: ").append(e.getMessage()).append('\0'); // the compiler will say why
            }
        }
        return all.toString();
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

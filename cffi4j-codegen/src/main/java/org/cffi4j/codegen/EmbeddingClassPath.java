package org.cffi4j.codegen;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipFile;
import org.cffi4j.FFI;

/**
 * The class path an embedded library starts its JVM with: the given entries, made absolute (the C
 * program runs from anywhere), and cffi4j's own jar when none of them holds cffi4j, which the
 * library's Java side needs.
 */
final class EmbeddingClassPath {
    private static final String MARK = "org/cffi4j/FFI.class";

    private EmbeddingClassPath() {}

    static List<String> of(List<String> entries) {
        List<String> out = new ArrayList<>();
        boolean hasCffi4j = false;
        for (String e : entries) {
            for (String part : e.split(java.util.regex.Pattern.quote(java.io.File.pathSeparator))) {
                if (!part.isBlank()) {
                    Path p = Path.of(part).toAbsolutePath().normalize();
                    out.add(p.toString());
                    hasCffi4j |= holdsCffi4j(p);
                }
            }
        }
        if (!hasCffi4j) {
            ownLocation().ifPresent(p -> out.add(p.toString()));
        }
        return out;
    }

    private static boolean holdsCffi4j(Path p) {
        if (Files.isDirectory(p)) {
            return Files.isRegularFile(p.resolve(MARK));
        }
        try (ZipFile z = new ZipFile(p.toFile())) {
            return z.getEntry(MARK) != null;
        } catch (IOException e) {
            return false;
        }
    }

    private static java.util.Optional<Path> ownLocation() {
        try {
            var source = FFI.class.getProtectionDomain().getCodeSource();
            return source == null
                    ? java.util.Optional.empty()
                    : java.util.Optional.of(Path.of(source.getLocation().toURI()));
        } catch (URISyntaxException | SecurityException e) {
            return java.util.Optional.empty();
        }
    }
}

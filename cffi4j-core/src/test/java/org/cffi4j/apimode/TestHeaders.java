package org.cffi4j.apimode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The directory of the API-mode tests' own C header ({@code src/test/c/apimode}), for {@code -I}. */
final class TestHeaders {
    private TestHeaders() {}

    /** Its absolute path: the generated C is compiled in another directory. */
    static String directory() {
        // Surefire runs in the module directory; an IDE may run in the project root.
        for (Path p : List.of(Path.of("src/test/c/apimode"), Path.of("cffi4j-core/src/test/c/apimode"))) {
            if (Files.isDirectory(p)) {
                return p.toAbsolutePath().toString();
            }
        }
        throw new IllegalStateException(
                "src/test/c/apimode not found from " + Path.of("").toAbsolutePath());
    }
}

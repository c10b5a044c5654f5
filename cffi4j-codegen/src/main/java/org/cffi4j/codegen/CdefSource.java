package org.cffi4j.codegen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One cdef's text and the name its errors cite ({@code zlib.cdef:3:14: ...}).
 *
 * @param name the file name errors give, usually the path the cdef was read from
 * @param text the C declarations
 */
public record CdefSource(String name, String text) {
    /** Checks that neither part is null. */
    public CdefSource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(text, "text");
    }

    /**
     * Reads a cdef file; its errors cite the path as given.
     *
     * @param file the file
     * @return its text, named by the path
     * @throws UncheckedIOException if the file cannot be read
     */
    public static CdefSource read(Path file) {
        try {
            return new CdefSource(file.toString(), Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the cdef file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The text after a line marker naming the file, as in the C preprocessor's output, so that
     * {@code cdef}'s errors cite this cdef's own {@code file:line:col}.
     *
     * @return the marked text, ending with a newline
     */
    public String marked() {
        return "# 1 \"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"\n" + text + "\n";
    }
}

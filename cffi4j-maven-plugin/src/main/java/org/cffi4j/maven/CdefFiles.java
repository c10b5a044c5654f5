package org.cffi4j.maven;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.cffi4j.codegen.CdefSource;

/**
 * The cdef files (and C source files) a goal reads, named relative to the project as the pom names
 * them, so that a cdef error cites {@code src/main/cffi/x.cdef:4:9}.
 */
final class CdefFiles {
    private CdefFiles() {}

    /**
     * Reads each file.
     *
     * @param owner what the files belong to, for the error messages ({@code binding org.example.Zlib})
     * @throws MojoFailureException naming {@code owner} and the file when one cannot be read
     */
    static List<CdefSource> read(MavenProject project, String owner, List<File> files) throws MojoFailureException {
        List<CdefSource> cdefs = new ArrayList<>();
        for (File f : files) {
            if (!f.isFile()) {
                throw new MojoFailureException("cffi4j: " + owner + ": no cdef file " + f);
            }
            cdefs.add(new CdefSource(relative(project, f), text(owner, f)));
        }
        return cdefs;
    }

    /**
     * A file's text, read as UTF-8.
     *
     * @throws MojoFailureException naming {@code owner} and the file when it cannot be read
     */
    static String text(String owner, File f) throws MojoFailureException {
        try {
            return Files.readString(f.toPath(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MojoFailureException("cffi4j: " + owner + ": cannot read " + f + ": " + e.getMessage(), e);
        }
    }

    // The path errors cite: relative to the project, as the pom names it.
    private static String relative(MavenProject project, File f) {
        Path base = project.getBasedir() == null
                ? Path.of("")
                : project.getBasedir().toPath();
        Path p = f.toPath().toAbsolutePath();
        return p.startsWith(base.toAbsolutePath())
                ? base.toAbsolutePath().relativize(p).toString()
                : p.toString();
    }
}

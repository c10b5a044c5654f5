package org.cffi4j.cli;

import java.nio.file.Path;
import java.util.List;
import org.cffi4j.codegen.CdefSource;

/** The {@code --cdef} files of a command: read as the generator reads them, errors citing each file's name. */
final class CdefFiles {
    private CdefFiles() {}

    /** Reads each file. */
    static List<CdefSource> read(List<Path> files) {
        return files.stream().map(CdefSource::read).toList();
    }

    /**
     * The files as one cdef text, each after a {@code # 1 "name"} line marker, so that an error
     * names the file and the line in it, as with the generator.
     */
    static String joined(List<Path> files) {
        StringBuilder text = new StringBuilder();
        for (CdefSource cdef : read(files)) {
            text.append("# 1 \"")
                    .append(cdef.name().replace("\\", "\\\\").replace("\"", "\\\""))
                    .append("\"\n")
                    .append(cdef.text())
                    .append('\n');
        }
        return text.toString();
    }
}

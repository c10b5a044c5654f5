package org.cffi4j.maven;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code <binding>} of the plugin's configuration: one generated class. Maven fills the fields
 * by their names.
 */
public class Binding {
    /** The generated class's fully qualified name, e.g. {@code org.example.Zlib}. Required. */
    String className;

    /** The cdef files, in order. Required. */
    List<File> cdefFiles = new ArrayList<>();

    /** API mode's C source, e.g. {@code #include <zlib.h>}; with none (and no sourceFile), ABI mode. */
    String source;

    /** API mode's C source as a file, instead of {@code source}. */
    File sourceFile;

    /** The libraries: the functions' in ABI mode, the ones the glue library links in API mode. */
    List<String> libraries = new ArrayList<>();

    /** API mode's {@code -I} directories. */
    List<String> includeDirs = new ArrayList<>();

    /** API mode's further compiler flags. */
    List<String> compilerFlags = new ArrayList<>();

    /** {@code abi} or {@code api}; by default {@code api} when a source is given, else {@code abi}. */
    String mode;
}

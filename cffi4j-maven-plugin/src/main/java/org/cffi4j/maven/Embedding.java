package org.cffi4j.maven;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code <embedding>} of the {@code embed} goal: one C shared library whose functions are the
 * {@code public static} methods of a class of the project. Maven fills the fields by their names.
 */
public class Embedding {
    /** The class whose public static methods implement the cdef's functions. Required. */
    String className;

    /** The cdef files, in order: each function they declare is one exported C symbol. Required. */
    List<File> cdefFiles = new ArrayList<>();

    /** The library's name: {@code plugin} gives {@code libplugin.so} and {@code plugin.h}; default: the class's simple name in lower case. */
    String libraryName;

    /** The Java installation the library starts when {@code CFFI4J_JAVA_HOME} is not set. */
    String javaHome;

    /** C put before the cdef in the header, usually the {@code #include} lines of the types it uses. */
    String source;

    /** That C as a file, instead of {@code source}. */
    File sourceFile;

    /** {@code -I} directories for the compiler. */
    List<String> includeDirs = new ArrayList<>();

    /** Further compiler flags. */
    List<String> compilerFlags = new ArrayList<>();

    /** Class path entries added after the project's classes and runtime dependencies. */
    List<String> classPath = new ArrayList<>();
}

package org.cffi4j.codegen;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything an embedded library is made from (CFFI's {@code embedding_api}): what the command
 * line's {@code embed} and the Maven plugin's {@code <embedding>} say.
 *
 * @param className the class whose {@code public static} methods implement the cdef's functions
 * @param cdefs the declarations: each function is one exported C symbol
 * @param libraryName the library's name: {@code plugin} gives {@code libplugin.so} and {@code
 *     plugin.h}
 * @param classPath what the JVM the library starts has on its class path (cffi4j's own jar is
 *     added when no entry holds cffi4j)
 * @param javaHome the Java installation to start when {@code CFFI4J_JAVA_HOME} is not set
 * @param source C put before the cdef in the header ({@code #include} lines of the types it uses)
 * @param includeDirs {@code -I} directories for the compiler
 * @param compilerFlags further compiler flags
 */
public record EmbeddingSpec(
        String className,
        List<CdefSource> cdefs,
        String libraryName,
        List<String> classPath,
        Optional<String> javaHome,
        Optional<String> source,
        List<String> includeDirs,
        List<String> compilerFlags) {

    /** Copies the lists; checks the names. */
    public EmbeddingSpec {
        Objects.requireNonNull(className, "className");
        cdefs = List.copyOf(cdefs);
        classPath = List.copyOf(classPath);
        includeDirs = List.copyOf(includeDirs);
        compilerFlags = List.copyOf(compilerFlags);
        Objects.requireNonNull(javaHome, "javaHome");
        Objects.requireNonNull(source, "source");
        if (libraryName == null) {
            // the simple name, of a nested class too (org.example.Plugins$Sqlite gives sqlite)
            libraryName = className
                    .substring(Math.max(className.lastIndexOf('.'), className.lastIndexOf('$')) + 1)
                    .toLowerCase(Locale.ROOT);
        }
        if (!libraryName.matches("[A-Za-z_][A-Za-z0-9_-]*")) {
            throw new IllegalArgumentException("the library name '" + libraryName
                    + "' is not a file name C programs can link with -l: use letters, digits, '_' and '-'");
        }
    }

    /**
     * A library implemented by {@code className}, named after the class, starting a JVM with
     * {@code classPath}.
     *
     * @param className the implementing class
     * @param cdefs the declarations
     * @param classPath the class path of the JVM the library starts
     * @return the spec
     */
    public static EmbeddingSpec of(String className, List<CdefSource> cdefs, List<String> classPath) {
        return new EmbeddingSpec(
                className, cdefs, null, classPath, Optional.empty(), Optional.empty(), List.of(), List.of());
    }

    /** This spec with another library name. */
    public EmbeddingSpec withLibraryName(String name) {
        return new EmbeddingSpec(className, cdefs, name, classPath, javaHome, source, includeDirs, compilerFlags);
    }

    /** This spec with the Java installation the library starts when CFFI4J_JAVA_HOME is not set. */
    public EmbeddingSpec withJavaHome(String home) {
        return new EmbeddingSpec(
                className,
                cdefs,
                libraryName,
                classPath,
                Optional.ofNullable(home),
                source,
                includeDirs,
                compilerFlags);
    }

    /** This spec with C put before the cdef in the header. */
    public EmbeddingSpec withSource(String c) {
        return new EmbeddingSpec(
                className, cdefs, libraryName, classPath, javaHome, Optional.ofNullable(c), includeDirs, compilerFlags);
    }

    /** This spec with {@code -I} directories and further compiler flags. */
    public EmbeddingSpec withCompiler(List<String> dirs, List<String> flags) {
        return new EmbeddingSpec(className, cdefs, libraryName, classPath, javaHome, source, dirs, flags);
    }

    /** The library's file name: {@code libplugin.so}. */
    public String libraryFileName() {
        return "lib" + libraryName + ".so";
    }

    /** The header's file name: {@code plugin.h}. */
    public String headerFileName() {
        return libraryName + ".h";
    }
}

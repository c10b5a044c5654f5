package org.cffi4j;

import java.util.List;

/**
 * How API mode compiles the C of {@link FFI#setSource}: libraries to link ({@code "z"} for
 * {@code -lz}), include and library directories, macros ({@code "NAME"} or {@code "NAME=VALUE"}),
 * extra compiler and linker arguments, and extra C sources to compile in.
 *
 * <pre>{@code
 * ffi.setSource("_zlib", "#include <zlib.h>", SourceOptions.libraries("z"));
 * }</pre>
 */
public record SourceOptions(
        List<String> libraries,
        List<String> includeDirs,
        List<String> libraryDirs,
        List<String> defineMacros,
        List<String> extraCompileArgs,
        List<String> extraLinkArgs,
        List<String> sources) {

    /** Copies the lists so that the options stay immutable. */
    public SourceOptions {
        libraries = List.copyOf(libraries);
        includeDirs = List.copyOf(includeDirs);
        libraryDirs = List.copyOf(libraryDirs);
        defineMacros = List.copyOf(defineMacros);
        extraCompileArgs = List.copyOf(extraCompileArgs);
        extraLinkArgs = List.copyOf(extraLinkArgs);
        sources = List.copyOf(sources);
    }

    /** No option. */
    public static SourceOptions none() {
        return new SourceOptions(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    /** Options linking these libraries (as {@code -lNAME}). */
    public static SourceOptions libraries(String... names) {
        return none().withLibraries(names);
    }

    /** A copy linking these libraries too. */
    public SourceOptions withLibraries(String... names) {
        return new SourceOptions(
                concat(libraries, names),
                includeDirs,
                libraryDirs,
                defineMacros,
                extraCompileArgs,
                extraLinkArgs,
                sources);
    }

    /** A copy with these include directories too ({@code -I}). */
    public SourceOptions withIncludeDirs(String... dirs) {
        return new SourceOptions(
                libraries,
                concat(includeDirs, dirs),
                libraryDirs,
                defineMacros,
                extraCompileArgs,
                extraLinkArgs,
                sources);
    }

    /** A copy with these library directories too ({@code -L}). */
    public SourceOptions withLibraryDirs(String... dirs) {
        return new SourceOptions(
                libraries,
                includeDirs,
                concat(libraryDirs, dirs),
                defineMacros,
                extraCompileArgs,
                extraLinkArgs,
                sources);
    }

    /** A copy defining these macros too ({@code -DNAME} or {@code -DNAME=VALUE}). */
    public SourceOptions withDefineMacros(String... macros) {
        return new SourceOptions(
                libraries,
                includeDirs,
                libraryDirs,
                concat(defineMacros, macros),
                extraCompileArgs,
                extraLinkArgs,
                sources);
    }

    /** A copy with these compiler arguments too. */
    public SourceOptions withExtraCompileArgs(String... args) {
        return new SourceOptions(
                libraries,
                includeDirs,
                libraryDirs,
                defineMacros,
                concat(extraCompileArgs, args),
                extraLinkArgs,
                sources);
    }

    /** A copy with these linker arguments too. */
    public SourceOptions withExtraLinkArgs(String... args) {
        return new SourceOptions(
                libraries,
                includeDirs,
                libraryDirs,
                defineMacros,
                extraCompileArgs,
                concat(extraLinkArgs, args),
                sources);
    }

    /** A copy compiling these C files in too. */
    public SourceOptions withSources(String... files) {
        return new SourceOptions(
                libraries,
                includeDirs,
                libraryDirs,
                defineMacros,
                extraCompileArgs,
                extraLinkArgs,
                concat(sources, files));
    }

    private static List<String> concat(List<String> a, String[] b) {
        return java.util.stream.Stream.concat(a.stream(), java.util.Arrays.stream(b))
                .toList();
    }
}

package org.cffi4j;

import java.util.List;

/**
 * How API mode compiles the C of {@link FFI#setSource}: libraries to link ({@code "z"} for
 * {@code -lz}), include and library directories, macros ({@code "NAME"} or {@code "NAME=VALUE"}),
 * extra compiler and linker arguments, and extra C sources to compile in.
 *
 * {@snippet :
 * ffi.setSource("_zlib", "#include <zlib.h>", SourceOptions.libraries("z").withIncludeDirs("/opt/zlib/include"));
 * }
 *
 * @param libraries the libraries to link, by short name ({@code "z"} for {@code -lz})
 * @param includeDirs the directories searched for headers ({@code -I})
 * @param libraryDirs the directories searched for libraries ({@code -L})
 * @param defineMacros the macros to define, {@code "NAME"} or {@code "NAME=VALUE"} ({@code -D})
 * @param extraCompileArgs further arguments for the compiler
 * @param extraLinkArgs further arguments for the linker
 * @param sources further C files to compile in
 */
public record SourceOptions(
        List<String> libraries,
        List<String> includeDirs,
        List<String> libraryDirs,
        List<String> defineMacros,
        List<String> extraCompileArgs,
        List<String> extraLinkArgs,
        List<String> sources) {

    /**
     * Copies the lists so that the options stay immutable.
     *
     * @throws FFIException if a list, or an item of one, is null (so do the {@code with...} methods
     *     and {@link #libraries(String...)} for a null array or item)
     */
    public SourceOptions {
        libraries = copy("libraries", libraries);
        includeDirs = copy("includeDirs", includeDirs);
        libraryDirs = copy("libraryDirs", libraryDirs);
        defineMacros = copy("defineMacros", defineMacros);
        extraCompileArgs = copy("extraCompileArgs", extraCompileArgs);
        extraLinkArgs = copy("extraLinkArgs", extraLinkArgs);
        sources = copy("sources", sources);
    }

    // An immutable copy; a null list or item is an FFIException naming the option (as a C
    // compiler's command line has no "null" argument).
    private static List<String> copy(String option, List<String> items) {
        if (items == null || items.stream().anyMatch(java.util.Objects::isNull)) { // List.of().contains(null) throws
            throw new FFIException("SourceOptions: " + option + " must be a list of strings, without null");
        }
        return List.copyOf(items);
    }

    /**
     * No option: the compiler's defaults, no library linked.
     *
     * @return the options
     */
    public static SourceOptions none() {
        return new SourceOptions(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    /**
     * Options linking these libraries (as {@code -lNAME}).
     *
     * {@snippet :
     * ffi.setSource("_zlib", "#include <zlib.h>", SourceOptions.libraries("z"));
     * }
     *
     * @param names the libraries' short names, e.g. {@code "z"} for {@code -lz}
     * @return the options
     */
    public static SourceOptions libraries(String... names) {
        return none().withLibraries(names);
    }

    /**
     * A copy linking these libraries too ({@code -lNAME}).
     *
     * @param names the libraries' short names
     * @return the new options
     */
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

    /**
     * A copy with these include directories too ({@code -I}).
     *
     * @param dirs the directories
     * @return the new options
     */
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

    /**
     * A copy with these library directories too ({@code -L}).
     *
     * @param dirs the directories
     * @return the new options
     */
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

    /**
     * A copy defining these macros too ({@code -DNAME} or {@code -DNAME=VALUE}).
     *
     * {@snippet :
     * SourceOptions options = SourceOptions.libraries("z").withDefineMacros("NDEBUG", "LEVEL=2");
     * }
     *
     * @param macros the macros, {@code "NAME"} or {@code "NAME=VALUE"}
     * @return the new options
     */
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

    /**
     * A copy with these compiler arguments too.
     *
     * @param args the arguments, e.g. {@code "-O2"}
     * @return the new options
     */
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

    /**
     * A copy with these linker arguments too.
     *
     * @param args the arguments
     * @return the new options
     */
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

    /**
     * A copy compiling these C files in too.
     *
     * @param files the paths of the C files
     * @return the new options
     */
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
        if (b == null) {
            throw new FFIException("SourceOptions: null given where strings were expected");
        }
        // Arrays.asList, not List.of: a null item must reach the constructor's check, which names it
        return java.util.stream.Stream.concat(a.stream(), java.util.Arrays.asList(b).stream())
                .toList();
    }
}

package org.cffi4j.codegen;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one generated binding class is made from: what the command line's {@code generate}
 * and the Maven plugin's {@code <binding>} say.
 *
 * @param className the generated class's fully qualified name, e.g. {@code org.example.Zlib}
 * @param cdefs the declarations, in order
 * @param mode ABI or API mode
 * @param libraries the libraries the functions are in ({@code z}, {@code /usr/lib/libz.so.1}), as
 *     {@code ffi.dlopen} takes them; in API mode, the libraries the glue library links
 * @param source API mode's C source ({@code #include <zlib.h>}); empty in ABI mode
 * @param includeDirs API mode's {@code -I} directories
 * @param compilerFlags API mode's further compiler flags
 */
public record BindingSpec(
        String className,
        List<CdefSource> cdefs,
        Mode mode,
        List<String> libraries,
        Optional<String> source,
        List<String> includeDirs,
        List<String> compilerFlags) {

    /** Copies the lists; checks that the class name is a Java name and API mode has a source. */
    public BindingSpec {
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(mode, "mode");
        cdefs = List.copyOf(cdefs);
        libraries = List.copyOf(libraries);
        includeDirs = List.copyOf(includeDirs);
        compilerFlags = List.copyOf(compilerFlags);
        Objects.requireNonNull(source, "source");
    }

    /**
     * An ABI-mode binding: functions looked up by name in {@code libraries}.
     *
     * @param className the generated class's fully qualified name
     * @param cdefs the declarations
     * @param libraries the libraries, as {@code ffi.dlopen} takes them
     * @return the binding
     */
    public static BindingSpec abi(String className, List<CdefSource> cdefs, List<String> libraries) {
        return new BindingSpec(className, cdefs, Mode.ABI, libraries, Optional.empty(), List.of(), List.of());
    }

    /**
     * An API-mode binding: the C compiler checks the declarations against {@code source} at build
     * time and compiles the glue library.
     *
     * @param className the generated class's fully qualified name
     * @param cdefs the declarations
     * @param source the C source, usually {@code #include} lines
     * @param libraries the libraries the glue library links
     * @return the binding
     */
    public static BindingSpec api(String className, List<CdefSource> cdefs, String source, List<String> libraries) {
        return new BindingSpec(className, cdefs, Mode.API, libraries, Optional.of(source), List.of(), List.of());
    }

    /**
     * This binding with {@code -I} directories for API mode's compiler.
     *
     * @param dirs the directories
     * @return a copy with them
     */
    public BindingSpec withIncludeDirs(List<String> dirs) {
        return new BindingSpec(className, cdefs, mode, libraries, source, dirs, compilerFlags);
    }

    /**
     * This binding with further flags for API mode's compiler.
     *
     * @param flags the flags
     * @return a copy with them
     */
    public BindingSpec withCompilerFlags(List<String> flags) {
        return new BindingSpec(className, cdefs, mode, libraries, source, includeDirs, flags);
    }

    /** The simple name of the generated class. */
    String simpleName() {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    /** The package of the generated class, empty for the unnamed package. */
    String packageName() {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? "" : className.substring(0, dot);
    }
}

package org.cffi4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.cffi4j.FFI;
import org.cffi4j.SourceOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cffi4j check}: compiles the cdefs against the C source in API mode ({@link FFI#setSource}
 * and {@link FFI#compile}) and prints each mismatch the compiler finds at its cdef line.
 */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = {
            "Checks cdefs against the real headers with the C compiler, as API mode does, and prints every"
                    + " mismatch at its cdef line (file:line:col). Exit code 0 when they agree."
        })
final class CheckCommand implements Callable<Integer> {
    private static final String MODULE = "cffi4j_check";

    @Spec
    private CommandSpec command;

    @Option(
            names = "--cdef",
            required = true,
            paramLabel = "FILE",
            description = "a file of C declarations (repeatable, in order)")
    private List<Path> cdefs;

    @Option(
            names = "--library",
            paramLabel = "NAME",
            description = "a library to link, as API mode does, e.g. z (repeatable): without it, a function"
                    + " that no library defines is reported")
    private List<String> libraries = new ArrayList<>();

    @Mixin
    private CSourceOptions c;

    @Override
    public Integer call() {
        String source = c.required();
        FFI ffi = new FFI();
        ffi.cdef(CdefFiles.joined(cdefs));
        ffi.setSource(
                MODULE,
                source,
                SourceOptions.libraries(libraries.toArray(String[]::new))
                        .withIncludeDirs(c.includeDirs.toArray(String[]::new))
                        .withExtraCompileArgs(c.compilerFlags.toArray(String[]::new)));
        // A CompilationException lists every mismatch the compiler found, each at its cdef line: the
        // error report prints them.
        ffi.compile();
        String files = String.join(", ", cdefs.stream().map(Path::toString).toList());
        command.commandLine().getOut().println(files + ": no mismatch with the C source");
        return 0;
    }
}

package org.cffi4j.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The options that say what C the compiler sees: the source, {@code -I} directories and flags. */
final class CSourceOptions {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @Option(
            names = "--source",
            paramLabel = "C",
            description = "C source the declarations come from, usually #include lines, e.g. '#include <zlib.h>'")
    private String source;

    @Option(
            names = "--source-file",
            paramLabel = "FILE",
            description = "a file holding that C source, instead of --source")
    private Path sourceFile;

    @Option(names = "-I", paramLabel = "DIR", description = "a directory of headers (repeatable)")
    List<String> includeDirs = new ArrayList<>();

    @Option(
            names = "--cflag",
            paramLabel = "FLAG",
            description = "a further C compiler flag (repeatable), e.g. --cflag=-DNDEBUG")
    List<String> compilerFlags = new ArrayList<>();

    /**
     * The C source from {@code --source} or {@code --source-file}, if one was given.
     *
     * @throws ParameterException if both were given
     */
    Optional<String> text() {
        if (source != null && sourceFile != null) {
            throw new ParameterException(command.commandLine(), "give --source or --source-file, not both");
        }
        if (sourceFile == null) {
            return Optional.ofNullable(source);
        }
        try {
            return Optional.of(Files.readString(sourceFile));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The C source, which the command needs.
     *
     * @throws ParameterException if neither option was given
     */
    String required() {
        return text().orElseThrow(() -> new ParameterException(
                command.commandLine(), "Missing required option: '--source=<C>' (or '--source-file=<FILE>')"));
    }
}

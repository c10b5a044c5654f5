package org.cffi4j.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.cffi4j.CDefException;
import org.cffi4j.FFI;
import org.cffi4j.FFIException;
import org.cffi4j.ctype.CType;
import org.cffi4j.ctype.StructType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cffi4j layout}: a struct or union as the C compiler lays it out, printed by {@link LayoutPrinter}. */
@Command(
        name = "layout",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = {
            "Prints a struct or union as the C compiler lays it out, like pahole: each member's offset and"
                    + " size, bitfields (offset byte.bit, size :width in bits), holes, trailing padding, the"
                    + " total size and alignment.",
            "The declarations come from --cdef files, or from a C source run through the C preprocessor (cc -E)."
        })
final class LayoutCommand implements Callable<Integer> {
    @Spec
    private CommandSpec command;

    @Parameters(index = "0", paramLabel = "TYPE", description = "the type, e.g. 'struct tm' or z_stream")
    private String typeName;

    @Option(
            names = "--cdef",
            paramLabel = "FILE",
            description = "a file of C declarations (repeatable), instead of --source")
    private List<Path> cdefs;

    @Mixin
    private CSourceOptions c;

    @Override
    public Integer call() {
        FFI ffi = new FFI();
        ffi.cdef(declarations());
        command.commandLine().getOut().print(LayoutPrinter.print(typeName, struct(ffi)));
        return 0;
    }

    /** The cdef text: the --cdef files, or the preprocessed source. */
    private String declarations() {
        Optional<String> source = c.text();
        boolean fromCdefs = cdefs != null && !cdefs.isEmpty();
        if (fromCdefs == source.isPresent()) {
            throw new ParameterException(
                    command.commandLine(), "give the declarations as --cdef or as --source (or --source-file)");
        }
        return fromCdefs
                ? CdefFiles.joined(cdefs)
                : CPreprocessor.preprocess(source.orElseThrow(), c.includeDirs, c.compilerFlags);
    }

    /** The complete struct or union named by the TYPE argument. */
    private StructType struct(FFI ffi) {
        CType type;
        try {
            type = ffi.typeOf(typeName);
        } catch (CDefException e) {
            // The location is the TYPE argument's, not a file's: the message alone says it all.
            String location = e.file() + ":" + e.line() + ":" + e.column() + ": ";
            String first = e.getMessage().lines().findFirst().orElse("");
            throw new FFIException(first.startsWith(location) ? first.substring(location.length()) : first);
        }
        if (!(type instanceof StructType struct)) {
            throw new FFIException("'" + typeName + "' is " + type + ", not a struct or union");
        }
        if (struct.state() == StructType.State.PARTIAL) {
            throw new FFIException("'" + typeName + "' ends with '...' in the cdef: only the C compiler knows its"
                    + " layout; give the header as --source instead");
        }
        if (!struct.isComplete()) {
            throw new FFIException("unknown type '" + typeName + "': the declarations do not define its members");
        }
        return struct;
    }
}

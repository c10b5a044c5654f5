package org.cffi4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.cffi4j.codegen.BindingSpec;
import org.cffi4j.codegen.CdefSource;
import org.cffi4j.codegen.GeneratedBinding;
import org.cffi4j.codegen.Generator;
import org.cffi4j.codegen.Mode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code cffi4j generate}: a binding class from cdefs, through {@link Generator}. */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = {
            "Generates a Java binding class from cdefs: every layout, constant and signature baked in.",
            "ABI mode looks the functions up in the --library names; API mode (the default when a C source"
                    + " is given) checks the cdefs against the source with the C compiler and packs the"
                    + " compiled glue library under --resources-out."
        })
final class GenerateCommand implements Callable<Integer> {
    @Spec
    private CommandSpec command;

    @Option(
            names = "--cdef",
            required = true,
            paramLabel = "FILE",
            description = "a file of C declarations (repeatable, in order)")
    private List<Path> cdefs;

    @Option(
            names = "--class",
            required = true,
            paramLabel = "NAME",
            description = "the generated class's fully qualified name, e.g. org.example.Zlib")
    private String className;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "where the Java source goes")
    private Path out;

    @Option(
            names = "--library",
            paramLabel = "NAME",
            description = "a library the functions are in, as ffi.dlopen takes it: z, /usr/lib/libz.so.1"
                    + " (repeatable); in API mode, a library the glue library links")
    private List<String> libraries = new ArrayList<>();

    @Option(
            names = "--mode",
            paramLabel = "abi|api",
            description = "ABI or API mode; default: api when --source or --source-file is given, else abi")
    private Mode mode;

    @Mixin
    private CSourceOptions c;

    @Option(
            names = "--resources-out",
            paramLabel = "DIR",
            description = "where API mode's glue library goes (as a resource); default: --out")
    private Path resourcesOut;

    @Override
    public Integer call() {
        GeneratedBinding binding = Generator.generate(spec());
        Path resourcesRoot = resourcesOut != null ? resourcesOut : out;
        Path java = binding.writeTo(out, resourcesRoot);
        command.commandLine().getOut().println("wrote " + java);
        binding.resources().keySet().stream()
                .sorted()
                .forEach(r -> command.commandLine().getOut().println("wrote " + resourcesRoot.resolve(r)));
        return 0;
    }

    /** The options as the generator's spec. */
    private BindingSpec spec() {
        List<CdefSource> sources = CdefFiles.read(cdefs);
        Optional<String> source = c.text();
        Mode chosen = mode != null ? mode : source.isPresent() ? Mode.API : Mode.ABI;
        BindingSpec spec = switch (chosen) {
            case ABI -> {
                if (source.isPresent()) {
                    throw new ParameterException(
                            command.commandLine(),
                            "--mode abi takes no --source or --source-file: only API mode compiles C");
                }
                yield BindingSpec.abi(className, sources, libraries);
            }
            case API -> BindingSpec.api(className, sources, c.required(), libraries);
        };
        return spec.withIncludeDirs(c.includeDirs).withCompilerFlags(c.compilerFlags);
    }
}

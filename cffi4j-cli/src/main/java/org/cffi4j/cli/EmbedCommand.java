package org.cffi4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.cffi4j.codegen.Embedder;
import org.cffi4j.codegen.EmbeddingSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cffi4j embed}: a C shared library whose functions are the {@code public static} methods of
 * a Java class, through {@link Embedder}. It only maps the options onto an {@link EmbeddingSpec}
 * and prints the files written.
 */
@Command(
        name = "embed",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = {
            "Builds a C shared library whose functions are Java methods: every function the cdefs declare"
                    + " is an exported C symbol, implemented by the public static method of the same name"
                    + " in --class. Writes DIR/libNAME.so and DIR/NAME.h (the declarations C programs"
                    + " include), and the library's C sources under DIR/cffi4j-embed-src.",
            "",
            "At the first call of any of its functions (once, whatever the thread), the library uses the"
                    + " JVM already running in the process, or else starts one: libjvm from"
                    + " CFFI4J_JAVA_HOME, else the --java-home given here, else JAVA_HOME; with the"
                    + " --classpath given here plus CFFI4J_CLASSPATH; with the options in"
                    + " CFFI4J_JVM_OPTIONS (e.g. -Xmx64m). If the JVM cannot start or a method throws, the"
                    + " function returns zero after one report on stderr.",
            "",
            "Environment of the program using the library:",
            "  CFFI4J_JAVA_HOME    the Java installation (25 or later) to start",
            "  CFFI4J_CLASSPATH    more class path entries, ':'-separated",
            "  CFFI4J_JVM_OPTIONS  JVM options, separated by spaces",
            ""
        })
final class EmbedCommand implements Callable<Integer> {
    @Spec
    private CommandSpec command;

    @Option(
            names = "--cdef",
            required = true,
            paramLabel = "FILE",
            description = "a file of C declarations (repeatable, in order): each function is one exported symbol")
    private List<Path> cdefs;

    @Option(
            names = "--class",
            required = true,
            paramLabel = "NAME",
            description = "the class whose public static methods implement the functions, e.g. org.example.PluginImpl")
    private String className;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "DIR",
            description = "where the library, its header and its C sources go")
    private Path out;

    @Option(
            names = "--library-name",
            paramLabel = "NAME",
            description = "the library's name: plugin gives libplugin.so and plugin.h;"
                    + " default: the class's simple name in lower case")
    private String libraryName;

    @Option(
            names = "--classpath",
            paramLabel = "CP",
            description = "class path of the JVM the library starts: the implementing class and what it uses"
                    + " (repeatable, ':'-separated entries); cffi4j's own jar is added when no entry holds it")
    private List<String> classPath = new ArrayList<>();

    @Option(
            names = "--java-home",
            paramLabel = "DIR",
            description = "the Java installation the library starts when CFFI4J_JAVA_HOME is not set;"
                    + " its include/jni.h is compiled with when it has one")
    private String javaHome;

    @Mixin
    private CSourceOptions c;

    @Override
    public Integer call() {
        Embedder.Output output = Embedder.build(spec(), out);
        PrintWriter printed = command.commandLine().getOut();
        printed.println("wrote " + output.library());
        printed.println("wrote " + output.header());
        printed.println("exports " + String.join(", ", output.functions()));
        output.notes().forEach(n -> command.commandLine().getErr().println("cffi4j embed: note: " + n));
        return 0;
    }

    /** The options as the embedder's spec. */
    private EmbeddingSpec spec() {
        EmbeddingSpec spec = EmbeddingSpec.of(className, CdefFiles.read(cdefs), classPath)
                .withJavaHome(javaHome)
                .withCompiler(c.includeDirs, c.compilerFlags);
        if (libraryName != null) {
            spec = spec.withLibraryName(libraryName);
        }
        return c.text().map(spec::withSource).orElse(spec);
    }
}

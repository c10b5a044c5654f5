package org.cffi4j.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top command, {@code cffi4j}: only its subcommands do something. */
@Command(
        name = Cffi4jCommand.NAME,
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Build-time bindings from C declarations (cdefs), checked by the C compiler.",
        subcommands = {GenerateCommand.class, CheckCommand.class, LayoutCommand.class, EmbedCommand.class})
final class Cffi4jCommand {
    static final String NAME = "cffi4j";

    /** The command line, writing to {@code out} and {@code err}, reporting errors without a stack trace. */
    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return new CommandLine(new Cffi4jCommand())
                .setOut(out)
                .setErr(err)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(new ErrorReport());
    }
}

package org.cffi4j.cli;

import java.io.PrintWriter;
import java.util.spi.ToolProvider;

/**
 * The {@code cffi4j} command as a {@link ToolProvider}: {@code ToolProvider.findFirst("cffi4j")}
 * runs it in the calling JVM with the caller's output and error writers, as {@code bin/cffi4j}
 * runs it in its own.
 */
public final class Cffi4jTool implements ToolProvider {
    /** Creates the tool; the {@link java.util.ServiceLoader} does. */
    public Cffi4jTool() {}

    /**
     * The tool's name.
     *
     * @return {@code cffi4j}
     */
    @Override
    public String name() {
        return Cffi4jCommand.NAME;
    }

    /**
     * Runs one command, e.g. {@code layout "struct tm" --source "#include <time.h>"}.
     *
     * @param out where the command's results go
     * @param err where errors and usage messages go
     * @param args the command line
     * @return 0 on success, 1 for a user error (a bad cdef, a missing header), 2 for a usage error
     */
    @Override
    public int run(PrintWriter out, PrintWriter err, String... args) {
        int exitCode = Cffi4jCommand.commandLine(out, err).execute(args);
        out.flush();
        err.flush();
        return exitCode;
    }
}

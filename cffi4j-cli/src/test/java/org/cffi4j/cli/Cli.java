package org.cffi4j.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.spi.ToolProvider;

/** Runs the {@code cffi4j} command as users of its ToolProvider do, and keeps what it printed. */
final class Cli {
    /** What one run gave: its exit code and what it printed on each writer. */
    record Result(int exitCode, String out, String err) {}

    private Cli() {}

    /** Runs {@code cffi4j args...} through {@code ToolProvider.findFirst("cffi4j")}. */
    static Result run(String... args) {
        ToolProvider tool = ToolProvider.findFirst("cffi4j").orElseThrow(() -> new AssertionError("no cffi4j tool"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = tool.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, normalise(out), normalise(err));
    }

    private static String normalise(StringWriter w) {
        return w.toString().replace(System.lineSeparator(), "\n");
    }
}

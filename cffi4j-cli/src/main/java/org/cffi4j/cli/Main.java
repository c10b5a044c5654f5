package org.cffi4j.cli;

import java.io.PrintWriter;

/** {@code bin/cffi4j}'s entry point: runs the command on the process's standard streams. */
public final class Main {
    private Main() {}

    /**
     * Runs the command and exits with its code.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(new Cffi4jTool().run(out, err, args));
    }
}

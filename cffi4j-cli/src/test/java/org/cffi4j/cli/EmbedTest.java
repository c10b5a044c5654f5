package org.cffi4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cffi4j embed} through the ToolProvider builds a library a C program compiled by gcc links
 * and calls, its functions answered by {@link EmbeddedCalculator} in a JVM the library starts; and
 * says what is wrong with a cdef it cannot build.
 */
class EmbedTest {
    private static final String CDEF = """
            int add(int a, int b);
            double mean(double a, double b);
            long length(const char *s);
            int32_t next(void);
            """;

    private static final String MAIN_C = """
            #include <stdio.h>
            #include "calc.h"

            int main(void) {
                printf("calc %d\\n", CALC_VERSION);
                printf("add(2, 3) = %d\\n", add(2, 3));
                printf("add(-7, 4) = %d\\n", add(-7, 4));
                printf("mean(1.5, 2.5) = %.2f\\n", mean(1.5, 2.5));
                printf("length = %ld\\n", length("h\\xc3\\xa9llo"));
                for (int i = 0; i < 3; i++) {
                    printf("next() = %d\\n", (int) next());
                }
                return 0;
            }
            """;

    @TempDir
    Path dir;

    @Test
    void aCProgramCallsTheJavaMethodsThroughTheLibrary() throws Exception {
        Path cdef = Files.writeString(dir.resolve("calc.cdef"), CDEF);
        Path out = dir.resolve("out");

        Cli.Result r = Cli.run(
                "embed",
                "--cdef",
                cdef.toString(),
                "--class",
                EmbeddedCalculator.class.getName(),
                "--out",
                out.toString(),
                "--library-name",
                "calc",
                "--classpath",
                testClasses().toString(),
                "--java-home",
                System.getProperty("java.home"),
                "--source",
                "#define CALC_VERSION 3");

        assertEquals(0, r.exitCode(), r.err());
        assertEquals(
                "wrote " + out.resolve("libcalc.so") + "\nwrote " + out.resolve("calc.h")
                        + "\nexports add, mean, length, next\n",
                r.out());
        Path program = compile(out, "calc");
        assertEquals(
                "calc 3\nadd(2, 3) = 5\nadd(-7, 4) = -3\nmean(1.5, 2.5) = 2.00\nlength = 5\n"
                        + "next() = 1\nnext() = 2\nnext() = 3\n",
                run(program));
    }

    @Test
    void theLibraryIsNamedAfterTheClassByDefaultAndTheSourceFileOpensTheHeader() throws IOException {
        Path cdef = Files.writeString(dir.resolve("calc.cdef"), "int add(int a, int b);\n");
        Path out = dir.resolve("out");

        Path source = Files.writeString(dir.resolve("calc.c"), "#define CALC_VERSION 3\n");

        Cli.Result r = Cli.run(
                "embed",
                "--cdef",
                cdef.toString(),
                "--class",
                EmbeddedCalculator.class.getName(),
                "--out",
                out.toString(),
                "--source-file",
                source.toString());

        assertEquals(0, r.exitCode(), r.err());
        assertTrue(Files.isRegularFile(out.resolve("libembeddedcalculator.so")), r.out());
        String header = Files.readString(out.resolve("embeddedcalculator.h"));
        assertTrue(header.contains("#define CALC_VERSION 3\n"), header);
        assertTrue(header.contains("int add(int a, int b);"), header);
    }

    @Test
    void aBadCdefIsReportedAtItsFileLineAndColumn() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.cdef"), "int f(int x);\nint g(int;\n");

        Cli.Result r = Cli.run("embed", "--cdef", bad.toString(), "--class", "a.B", "--out", dir.toString());

        assertEquals(
                bad + ":2:10: expected ')' but found ';' (in declaration of 'g')\n    int g(int;\n             ^\n",
                r.err());
        assertEquals(1, r.exitCode());
        assertEquals("", r.out());
    }

    @Test
    void aVariadicFunctionIsNamed() throws IOException {
        Path cdef = Files.writeString(
                dir.resolve("log.cdef"), "int add(int a, int b);\nint log_line(const char *format, ...);\n");

        Cli.Result r = Cli.run("embed", "--cdef", cdef.toString(), "--class", "a.B", "--out", dir.toString());

        assertEquals(
                "cffi4j embed: " + cdef
                        + ":2:5: 'int log_line(const char *format, ...)' is variadic: a Java method cannot take C's '...'"
                        + " arguments; declare a fixed list of parameters\n",
                r.err());
        assertEquals(1, r.exitCode());
        assertFalse(Files.exists(dir.resolve("libb.so")));
    }

    @Test
    void aMissingHeaderIsTheCompilersError() throws IOException {
        Path cdef = Files.writeString(dir.resolve("calc.cdef"), "int add(int a, int b);\n");

        Cli.Result r = Cli.run(
                "embed",
                "--cdef",
                cdef.toString(),
                "--class",
                "a.Calc",
                "--out",
                dir.toString(),
                "--source",
                "#include <no_such_header.h>");

        assertEquals(1, r.exitCode());
        assertTrue(r.err().startsWith("cffi4j embed: the C compiler failed to build libcalc.so:\n"), r.err());
        assertTrue(r.err().contains("no_such_header.h: No such file or directory"), r.err());
    }

    @Test
    void helpNamesTheEnvironmentOfTheProgramUsingTheLibrary() {
        Cli.Result r = Cli.run("embed", "--help");

        assertEquals(0, r.exitCode(), r.err());
        for (String variable : List.of("CFFI4J_JAVA_HOME", "CFFI4J_CLASSPATH", "CFFI4J_JVM_OPTIONS")) {
            assertTrue(r.out().contains("\n  " + variable + " "), variable + " in\n" + r.out());
        }
    }

    // The directory of the compiled test classes, which holds EmbeddedCalculator.
    private static Path testClasses() throws URISyntaxException {
        return Path.of(EmbeddedCalculator.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
    }

    private Path compile(Path out, String library) throws IOException, InterruptedException {
        Path main = Files.writeString(dir.resolve("main.c"), MAIN_C);
        Path program = dir.resolve("main");
        String output = run(List.of(
                "gcc",
                main.toString(),
                "-I" + out,
                "-L" + out,
                "-l" + library,
                "-Wl,-rpath," + out.toAbsolutePath(),
                "-o",
                program.toString()));
        assertEquals("", output, "gcc's output");
        return program;
    }

    // Runs the program without CFFI4J_JAVA_HOME or JAVA_HOME: the library starts the --java-home JVM.
    private static String run(Path program) throws IOException, InterruptedException {
        return run(List.of(program.toString()));
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
        builder.environment().remove("CFFI4J_JAVA_HOME");
        builder.environment().remove("JAVA_HOME");
        builder.environment().remove("CFFI4J_CLASSPATH");
        builder.environment().remove("CFFI4J_JVM_OPTIONS");
        Process p = builder.start();
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), command + " did not finish");
        assertEquals(0, p.exitValue(), command + " printed\n" + output);
        return output;
    }
}

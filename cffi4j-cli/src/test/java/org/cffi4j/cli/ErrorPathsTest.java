package org.cffi4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What each command prints when the user's input is wrong: a cdef error at its {@code
 * file:line:col}, a missing header, an unknown type, a missing file, a missing option. Exit code 1
 * for an error in the input, 2 for a usage error; never a stack trace.
 */
class ErrorPathsTest {
    private static final String BAD_CDEF_MESSAGE =
            ":2:10: expected ')' but found ';' (in declaration of 'g')\n" + "    int g(int;\n" + "             ^\n";

    @TempDir
    Path dir;

    private Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private static void assertUserError(Cli.Result r, String expectedErr) {
        assertEquals(expectedErr, r.err());
        assertEquals(1, r.exitCode());
        assertEquals("", r.out());
    }

    @Test
    void aBadCdefIsReportedAtItsFileLineAndColumnByLayout() throws IOException {
        Path bad = file("bad.cdef", "int f(int x);\nint g(int;\n");
        assertUserError(Cli.run("layout", "struct s", "--cdef", bad.toString()), bad + BAD_CDEF_MESSAGE);
    }

    @Test
    void aBadCdefIsReportedAtItsFileLineAndColumnByCheck() throws IOException {
        Path bad = file("bad.cdef", "int f(int x);\nint g(int;\n");
        assertUserError(
                Cli.run("check", "--cdef", bad.toString(), "--source", "#include <stdlib.h>"), bad + BAD_CDEF_MESSAGE);
    }

    @Test
    void aBadCdefInTheSecondFileNamesThatFile() throws IOException {
        Path good = file("good.cdef", "struct s { int a; };\n");
        Path bad = file("bad.cdef", "int f(int x);\nint g(int;\n");
        assertUserError(
                Cli.run("layout", "struct s", "--cdef", good.toString(), "--cdef", bad.toString()),
                bad + BAD_CDEF_MESSAGE);
    }

    @Test
    void aMissingHeaderIsTheCompilersError() {
        assertUserError(
                Cli.run("layout", "struct tm", "--source", "#include <no_such_header.h>"),
                "cffi4j layout: the C preprocessor (cc -E) rejected the source:\n"
                        + "<stdin>:1:10: fatal error: no_such_header.h: No such file or directory\n"
                        + "compilation terminated.\n");
        assertUserError(
                Cli.run("check", "--cdef", cdef("int abs(int);"), "--source", "#include <no_such_header.h>"),
                "cffi4j check: the C compiler rejected the cdef or the C source:\n"
                        + "cffi4j_check.c:1:10: fatal error: no_such_header.h: No such file or directory\n");
    }

    private String cdef(String text) {
        try {
            return file("decls.cdef", text).toString();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void anUnknownTypeIsNamed() {
        String time = "#include <time.h>";
        assertUserError(
                Cli.run("layout", "struct no_such_struct", "--source", time),
                "cffi4j layout: unknown type 'struct no_such_struct': the declarations do not define its members\n");
        assertUserError(
                Cli.run("layout", "time_tt", "--source", time),
                "cffi4j layout: unknown type name 'time_tt'; did you mean 'time_t'?\n");
        assertUserError(
                Cli.run("layout", "time_t", "--source", time),
                "cffi4j layout: 'time_t' is long, not a struct or union\n");
    }

    @Test
    void aStructWithDotsHasNoLayoutWithoutTheHeader() {
        assertUserError(
                Cli.run("layout", "struct tm", "--cdef", cdef("struct tm { int tm_sec; ...; };")),
                "cffi4j layout: 'struct tm' ends with '...' in the cdef: only the C compiler knows its layout;"
                        + " give the header as --source instead\n");
    }

    @Test
    void aMissingCdefFileIsNamed() {
        Path missing = dir.resolve("missing.cdef");
        assertUserError(
                Cli.run("layout", "struct s", "--cdef", missing.toString()),
                "cffi4j layout: no such file: " + missing + "\n");
        assertUserError(
                Cli.run("generate", "--cdef", missing.toString(), "--class", "org.example.X", "--out", dir.toString()),
                "cffi4j generate: no such file: " + missing + "\n");
    }

    @Test
    void aMissingClassIsAUsageError() {
        Cli.Result r = Cli.run("generate", "--cdef", cdef("int abs(int);"), "--out", dir.toString());
        assertEquals(2, r.exitCode());
        assertTrue(
                r.err().startsWith("Missing required option: '--class=NAME'\nUsage: cffi4j generate [-hV] "), r.err());
    }

    @Test
    void optionsThatContradictEachOtherAreUsageErrors() {
        String cdef = cdef("struct s { int a; };");
        assertUsageError(
                Cli.run(
                        "generate",
                        "--cdef",
                        cdef,
                        "--class",
                        "a.B",
                        "--out",
                        dir.toString(),
                        "--mode",
                        "abi",
                        "--source",
                        "#include <stdlib.h>"),
                "--mode abi takes no --source or --source-file: only API mode compiles C");
        assertUsageError(
                Cli.run("generate", "--cdef", cdef, "--class", "a.B", "--out", dir.toString(), "--mode", "api"),
                "Missing required option: '--source=<C>' (or '--source-file=<FILE>')");
        assertUsageError(
                Cli.run("layout", "struct s", "--cdef", cdef, "--source", "#include <stdlib.h>"),
                "give the declarations as --cdef or as --source (or --source-file)");
        assertUsageError(
                Cli.run("layout", "struct s"), "give the declarations as --cdef or as --source (or --source-file)");
        assertUsageError(
                Cli.run("check", "--cdef", cdef, "--source", "x", "--source-file", cdef),
                "give --source or --source-file, not both");
    }

    private static void assertUsageError(Cli.Result r, String firstLine) {
        assertEquals(2, r.exitCode(), r.err());
        assertEquals(firstLine, r.err().lines().findFirst().orElse(""));
        assertTrue(r.err().contains("\nUsage: cffi4j "), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }
}

package org.cffi4j.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code --help} of every command lists the options GENERATOR.md names; {@code --version}; the ToolProvider. */
class HelpTest {
    @Test
    void theToolProviderIsFoundByItsName() {
        assertEquals("cffi4j", ToolProvider.findFirst("cffi4j").orElseThrow().name());
    }

    @Test
    void versionIsTheProjectsVersion() {
        Cli.Result r = Cli.run("--version");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().matches("cffi4j \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\n"), r.out());
    }

    @Test
    void withoutACommandTheUsageNamesTheCommands() {
        Cli.Result r = Cli.run();
        assertEquals(2, r.exitCode());
        assertTrue(r.err().startsWith("Missing required subcommand\nUsage: cffi4j [-hV] [COMMAND]\n"), r.err());
        for (String command : List.of("generate", "check", "layout", "embed")) {
            assertTrue(r.err().contains("\n  " + command + " "), command + " in\n" + r.err());
        }
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = ';',
            value = {
                "generate;--cdef=FILE --class=NAME --out=DIR --library=NAME --mode=abi|api --source=C"
                        + " --source-file=FILE -I=DIR --cflag=FLAG --resources-out=DIR",
                "check;--cdef=FILE --source=C --source-file=FILE -I=DIR --cflag=FLAG",
                "layout;TYPE --cdef=FILE --source=C --source-file=FILE -I=DIR",
                "embed;--cdef=FILE --class=NAME --out=DIR --library-name=NAME --classpath=CP --java-home=DIR"
                        + " --source=C --source-file=FILE -I=DIR --cflag=FLAG"
            })
    void helpListsEveryOption(String command, String options) {
        Cli.Result r = Cli.run(command, "--help");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("Usage: cffi4j " + command + " [-hV] "), r.out());
        assertAll(List.of(options.split(" ")).stream()
                .map(option -> () -> assertTrue(r.out().contains(option), option + " in\n" + r.out())));
    }
}

package org.cffi4j.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The README's and the guide's generated-binding examples run as shown: for each program marked as
 * using a generated binding, the cdef block before it is generated as the command block before it
 * says ({@code --class}, {@code --library}), the program compiled against the class and run, and
 * what it prints is the text block after it.
 */
class DocumentedBindingsTest {
    static final String MARK =
            "<!-- uses a generated binding: cffi4j-codegen's DocumentedBindingsTest generates it and runs this -->";

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"README.md", "docs/GUIDE.md"})
    void everyGeneratedBindingExampleRunsAsShown(String document) throws Exception {
        List<String> lines = Files.readAllLines(Path.of("..").resolve(document));
        int examples = 0;
        for (int mark = lines.indexOf(MARK); mark >= 0; mark = Markdown.indexFrom(lines, mark + 1, MARK)) {
            runExample(lines, mark, document + ":" + (mark + 1), dir.resolve("e" + mark));
            examples++;
        }
        assertTrue(examples > 0, document + " shows a program using a generated binding");
    }

    private static void runExample(List<String> lines, int mark, String where, Path work) throws Exception {
        String cdef = Markdown.blockBefore(lines, mark, "```c");
        List<String> command = Arrays.asList(Markdown.blockBefore(lines, mark, "```sh")
                .replace("\\\n", " ")
                .trim()
                .split("\\s+"));
        assertEquals("generate", command.get(1), where);
        String className = command.get(command.indexOf("--class") + 1);
        List<String> libraries = new ArrayList<>();
        for (int i = 0; i < command.size(); i++) {
            if (command.get(i).equals("--library")) {
                libraries.add(command.get(i + 1));
            }
        }
        String program = Markdown.blockFrom(lines, mark + 1);
        String expected = Markdown.blockFrom(lines, Markdown.indexFrom(lines, mark + 2, "```text"));
        Matcher pkg = Pattern.compile("package\\s+([\\w.]+);").matcher(program);
        Matcher cls = Pattern.compile("class\\s+(\\w+)").matcher(program);
        assertTrue(pkg.find() && cls.find(), where);
        String main = pkg.group(1) + "." + cls.group(1);

        GeneratedBinding binding = Generator.generate(
                BindingSpec.abi(className, List.of(new CdefSource("example.cdef", cdef)), libraries));
        Compiled.load(work, binding, new GeneratedBinding(main, program, Map.of(), List.of()));
        Process p = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "--enable-native-access=ALL-UNNAMED",
                        "-cp",
                        work.resolve("classes") + java.io.File.pathSeparator + Compiled.runtimeClassPath(),
                        main)
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), where);
        assertEquals(expected, out, where);
        assertFalse(binding.javaSource().isEmpty());
    }
}

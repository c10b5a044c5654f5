package org.cffi4j.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The README's and the guide's embedding examples run as shown: for each Java class marked as a
 * plugin, the C block before it is the cdef, the command block after it says how it is built
 * ({@code --class}, {@code --library-name}), the C block after that is the C program, compiled by
 * gcc against the library and run, and the text block after it is what the program prints.
 */
class DocumentedEmbeddingTest {
    static final String MARK =
            "<!-- a Java plugin: cffi4j-codegen's DocumentedEmbeddingTest builds it and runs the C program after it -->";

    @org.junit.jupiter.api.io.TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"README.md", "docs/GUIDE.md"})
    void everyEmbeddingExampleRunsAsShown(String document) throws Exception {
        List<String> lines = Files.readAllLines(Path.of("..").resolve(document));
        int examples = 0;
        for (int mark = lines.indexOf(MARK); mark >= 0; mark = Markdown.indexFrom(lines, mark + 1, MARK)) {
            runExample(lines, mark, document + ":" + (mark + 1), Files.createDirectories(dir.resolve("e" + mark)));
            examples++;
        }
        assertTrue(examples > 0, document + " shows a plugin written in Java");
    }

    private static void runExample(List<String> lines, int mark, String where, Path work) throws Exception {
        String cdef = Markdown.blockBefore(lines, mark, "```c");
        String java = Markdown.blockFrom(lines, mark + 1);
        int sh = Markdown.indexFrom(lines, mark + 1, "```sh");
        List<String> command = Arrays.asList(Markdown.blockFrom(lines, sh)
                .lines()
                .filter(l -> l.startsWith("bin/cffi4j embed"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(where + ": no bin/cffi4j embed command"))
                .split("\\s+"));
        int c = Markdown.indexFrom(lines, sh + 1, "```c");
        String program = Markdown.blockFrom(lines, c);
        String expected = Markdown.blockFrom(lines, Markdown.indexFrom(lines, c + 1, "```text"));

        Matcher pkg = Pattern.compile("package\\s+([\\w.]+);").matcher(java);
        Matcher cls = Pattern.compile("public\\s+(?:final\\s+)?class\\s+(\\w+)").matcher(java);
        assertTrue(pkg.find() && cls.find(), where);
        String className = command.get(command.indexOf("--class") + 1);
        assertEquals(pkg.group(1) + "." + cls.group(1), className, where);
        Path source = Files.createDirectories(work.resolve("src")).resolve(cls.group(1) + ".java");
        Files.writeString(source, java);
        Path classes = work.resolve("classes");
        Embedded.javac(source, classes);
        int name = command.indexOf("--library-name");
        EmbeddingSpec spec =
                EmbeddingSpec.of(className, List.of(new CdefSource("plugin.h", cdef)), List.of(classes.toString()));
        if (name >= 0) {
            spec = spec.withLibraryName(command.get(name + 1));
        }
        Path lib = work.resolve("lib");
        Embedder.build(spec, lib);
        CProgram p = CProgram.compile(work, "main", program, lib, spec.libraryName());
        Map<String, String> env = new HashMap<>(EmbeddedLibraryTest.cleanEnvironment());
        env.put("JAVA_HOME", System.getProperty("java.home")); // as a user's shell has it
        CProgram.Run r = p.run(env);
        assertEquals(0, r.exitCode(), where + "\n" + r.describe());
        assertEquals(expected, r.out(), where);
        assertEquals("", r.err(), where);
    }
}

package org.cffi4j.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guide's build-time example runs as shown: its cdef generated as its command says, its program
 * compiled against the class and run, printing what the guide prints.
 */
class GuideExampleTest {
    static final String MARK =
            "<!-- uses a generated binding: cffi4j-codegen's GuideExampleTest generates it and runs this -->";

    @TempDir
    Path dir;

    @Test
    void theGuidesGeneratedBindingExampleRunsAsShown() throws Exception {
        List<String> guide = Files.readAllLines(Path.of("../docs/GUIDE.md"));
        int mark = guide.indexOf(MARK);
        assertNotEquals(-1, mark, "the guide has a program that uses a generated binding");
        String cdef = blockBefore(guide, mark, "```c");
        String command = blockBefore(guide, mark, "```sh");
        assertTrue(command.contains("--class org.example.Zlib --library z"), command);
        String program = blockFrom(guide, mark + 1);
        int textFence = indexFrom(guide, mark + 2, "```text");
        String expected = blockFrom(guide, textFence);

        GeneratedBinding zlib = Generator.generate(BindingSpec.abi(
                "org.example.Zlib", List.of(new CdefSource("src/main/cffi/zlib.cdef", cdef)), List.of("z")));
        Compiled.load(dir, zlib, new GeneratedBinding("org.example.Compress", program, Map.of(), List.of()));
        Process p = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "--enable-native-access=ALL-UNNAMED",
                        "-cp",
                        dir.resolve("classes") + java.io.File.pathSeparator + Compiled.runtimeClassPath(),
                        "org.example.Compress")
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(expected, out);
    }

    // The code of the last block opened by `fence` before line `before`.
    private static String blockBefore(List<String> lines, int before, String fence) {
        int open = -1;
        for (int i = 0; i < before; i++) {
            if (lines.get(i).equals(fence)) {
                open = i;
            }
        }
        return blockFrom(lines, open);
    }

    private static int indexFrom(List<String> lines, int from, String line) {
        for (int i = from; i < lines.size(); i++) {
            if (lines.get(i).equals(line)) {
                return i;
            }
        }
        throw new AssertionError("no " + line + " after line " + from);
    }

    // The code of the block whose opening fence is at `open`.
    private static String blockFrom(List<String> lines, int open) {
        StringBuilder code = new StringBuilder();
        for (int i = open + 1; !lines.get(i).startsWith("```"); i++) {
            code.append(lines.get(i)).append('\n');
        }
        return code.toString();
    }
}

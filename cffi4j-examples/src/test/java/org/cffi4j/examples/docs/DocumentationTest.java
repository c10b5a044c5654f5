package org.cffi4j.examples.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cffi4j.examples.testing.UserPrograms;
import org.cffi4j.examples.testing.UserPrograms.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Java snippet of the README and the guide runs as the document shows it, so a snippet that
 * stops working fails the build: the programs through the JDK's source launcher on the class path
 * and, with the module declaration shown beside them, as a named module (both with no warning on
 * stderr, as the README promises), the jshell code in jshell with its stated results checked.
 */
class DocumentationTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @TempDir
    Path work;

    @Test
    void readmeProgramsRunOnTheClassPath() throws Exception {
        runPrograms("README.md");
    }

    @Test
    void readmeProgramRunsAsANamedModule() throws Exception {
        MarkdownSnippets doc = MarkdownSnippets.read(ROOT.resolve("README.md"));
        List<MarkdownSnippets.Block> modules = doc.of(MarkdownSnippets.Kind.MODULE);
        assertFalse(modules.isEmpty(), "the README shows a module declaration");
        MarkdownSnippets.Block program = doc.of(MarkdownSnippets.Kind.PROGRAM).getFirst();
        String module = name(modules.getFirst().code(), "module\\s+([\\w.]+)");
        String mainClass =
                name(program.code(), "package\\s+([\\w.]+);") + "." + name(program.code(), "class\\s+(\\w+)");
        Result ran = programs()
                .runAsModule(
                        modules.getFirst().code(),
                        Map.of(mainClass.replace('.', '/') + ".java", program.code()),
                        module,
                        mainClass);
        assertEquals(0, ran.exitCode(), ran.transcript());
        assertEquals("", ran.stderr(), "no warning on stderr:\n" + ran.transcript());
        assertEquals(program.output(), ran.stdout());
    }

    @Test
    void guideSnippetsRunInJshell() throws Exception {
        runJshell("docs/GUIDE.md");
        runPrograms("docs/GUIDE.md");
    }

    @Test
    void readmeSnippetsRunInJshell() throws Exception {
        runJshell("README.md");
    }

    private void runPrograms(String document) throws Exception {
        MarkdownSnippets doc = MarkdownSnippets.read(ROOT.resolve(document));
        for (MarkdownSnippets.Block program : doc.of(MarkdownSnippets.Kind.PROGRAM)) {
            String where = document + ":" + program.line();
            // The source launcher wants the file where its package says
            Matcher pkg = Pattern.compile("package\\s+([\\w.]+);").matcher(program.code());
            Path dir = work.resolve("p" + program.line());
            if (pkg.find()) {
                dir = dir.resolve(pkg.group(1).replace('.', '/'));
            }
            Path file = Files.createDirectories(dir).resolve(name(program.code(), "class\\s+(\\w+)") + ".java");
            Files.writeString(file, program.code());
            Result ran = run(List.of(
                    UserPrograms.tool("java"),
                    "--enable-native-access=ALL-UNNAMED",
                    "-cp",
                    UserPrograms.cffi4j(),
                    file.toString()));
            assertEquals(0, ran.exitCode(), where + "\n" + ran.transcript());
            assertEquals("", ran.stderr(), where + ": no warning on stderr\n" + ran.transcript());
            if (program.output() != null) {
                assertEquals(program.output(), ran.stdout(), where + ": what the program prints");
            }
        }
    }

    private void runJshell(String document) throws Exception {
        MarkdownSnippets doc = MarkdownSnippets.read(ROOT.resolve(document));
        List<MarkdownSnippets.Block> blocks = doc.of(MarkdownSnippets.Kind.JSHELL);
        if (blocks.isEmpty()) {
            return;
        }
        Path script = work.resolve("snippets.jsh");
        Files.writeString(script, JshellScript.of(document, blocks));
        // jshell writes its errors to stderr: merged with stdout, they follow the place of their block
        Result ran = run(
                true,
                List.of(
                        UserPrograms.tool("jshell"),
                        "--no-startup",
                        "--feedback",
                        "concise",
                        "--class-path",
                        UserPrograms.cffi4j(),
                        "-R--enable-native-access=ALL-UNNAMED",
                        "-J-Djava.util.prefs.userRoot=" + work.resolve("prefs"),
                        script.toString()));
        List<String> problems = new ArrayList<>();
        String place = document;
        List<String> lines = ran.stdout().lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith(JshellScript.FAILED)) {
                problems.add(line.substring(JshellScript.FAILED.length()));
            } else if (line.startsWith(JshellScript.PLACE)) {
                place = line.substring(JshellScript.PLACE.length());
            } else if (line.equals("Error:") || line.startsWith("Exception ") || line.startsWith("WARNING")) {
                problems.add("in the block at " + place + ": "
                        + String.join(" / ", lines.subList(i, Math.min(lines.size(), i + 4))));
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems) + "\n\n" + ran.transcript());
        assertTrue(ran.stdout().contains(JshellScript.DONE), "the script ran through\n" + ran.transcript());
    }

    private static String name(String code, String regex) {
        Matcher m = Pattern.compile(regex).matcher(code);
        assertTrue(m.find(), "no match for " + regex + " in\n" + code);
        return m.group(1);
    }

    private UserPrograms programs() {
        return new UserPrograms(work);
    }

    private Result run(List<String> command) throws IOException, InterruptedException {
        return programs().run(false, command);
    }

    private Result run(boolean mergeStderr, List<String> command) throws IOException, InterruptedException {
        return programs().run(mergeStderr, command);
    }
}

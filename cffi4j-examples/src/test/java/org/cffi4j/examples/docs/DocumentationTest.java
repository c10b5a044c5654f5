package org.cffi4j.examples.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cffi4j.FFI;
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
    private static final Path JAVA_BIN = Path.of(System.getProperty("java.home"), "bin");

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
        Path src = Files.createDirectories(work.resolve("src"));
        Files.writeString(src.resolve("module-info.java"), modules.getFirst().code());
        Files.writeString(src.resolve(simpleName(mainClass) + ".java"), program.code());
        Path classes = work.resolve("classes");
        Result compiled = run(List.of(
                JAVA_BIN.resolve("javac").toString(),
                "--module-path",
                core(),
                "-d",
                classes.toString(),
                src.resolve("module-info.java").toString(),
                src.resolve(simpleName(mainClass) + ".java").toString()));
        assertEquals(0, compiled.exitCode(), compiled.transcript());
        Result ran = run(List.of(
                JAVA_BIN.resolve("java").toString(),
                "--enable-native-access=org.cffi4j",
                "--module-path",
                core() + java.io.File.pathSeparator + classes,
                "-m",
                module + "/" + mainClass));
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
                    JAVA_BIN.resolve("java").toString(),
                    "--enable-native-access=ALL-UNNAMED",
                    "-cp",
                    core(),
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
                        JAVA_BIN.resolve("jshell").toString(),
                        "--no-startup",
                        "--feedback",
                        "concise",
                        "--class-path",
                        core(),
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

    private static String core() {
        try {
            return Path.of(FFI.class
                            .getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String name(String code, String regex) {
        Matcher m = Pattern.compile(regex).matcher(code);
        assertTrue(m.find(), "no match for " + regex + " in\n" + code);
        return m.group(1);
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    private record Result(int exitCode, String stdout, String stderr) {
        String transcript() {
            return "exit code " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    private Result run(List<String> command) throws IOException, InterruptedException {
        return run(false, command);
    }

    private Result run(boolean mergeStderr, List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile(work, "out", ".txt");
        Path err = Files.createTempFile(work, "err", ".txt");
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(work.toFile()).redirectOutput(out.toFile());
        Process p = (mergeStderr ? builder.redirectErrorStream(true) : builder.redirectError(err.toFile())).start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }
}

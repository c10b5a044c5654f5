package org.cffi4j.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embed goal's Maven concerns: the output directory, the class path from the project, a new
 * build only on changed inputs, errors as Maven shows them. (samples/java-plugin runs a C program
 * against a library the goal built.)
 */
class EmbedMojoTest {
    @TempDir
    Path project;

    final List<String> log = new ArrayList<>();
    EmbedMojo mojo;
    Path cdef;
    Path out;

    @BeforeEach
    void configure() throws Exception {
        cdef = Files.createDirectories(project.resolve("src/main/cffi")).resolve("plugin.cdef");
        Files.writeString(cdef, "int add(int a, int b);\n");
        MavenProject p = new MavenProject();
        p.setFile(project.resolve("pom.xml").toFile());
        p.getBuild().setDirectory(project.resolve("target").toString());
        p.getBuild().setOutputDirectory(project.resolve("target/classes").toString());
        out = project.resolve("target/embedded");
        mojo = new EmbedMojo();
        mojo.project = p;
        mojo.outputDirectory = out.toFile();
        Embedding e = new Embedding();
        e.className = "org.example.PluginImpl";
        e.cdefFiles = List.of(cdef.toFile());
        e.libraryName = "plugin";
        mojo.embedding = e;
        mojo.setLog(new SystemStreamLog() {
            @Override
            public void info(CharSequence content) {
                log.add(content.toString());
            }
        });
    }

    @Test
    void buildsTheLibraryAndItsHeaderInTheOutputDirectory() throws Exception {
        mojo.execute();
        Path library = out.resolve("libplugin.so");
        Path header = out.resolve("plugin.h");
        assertTrue(Files.isRegularFile(library));
        assertTrue(Files.readString(header).contains("int add(int a, int b);"));
        assertEquals(List.of("cffi4j: built " + library + " and " + header + " (exports add)"), log);
    }

    @Test
    void theLibraryStartsTheJvmWithTheProjectsClassesAndTheExtraEntries() throws Exception {
        mojo.embedding.classPath = List.of("extra/lib.jar");
        mojo.execute();
        String functions = Files.readString(out.resolve("cffi4j-embed-src/plugin_functions.c"));
        assertTrue(functions.contains(project.resolve("target/classes").toString()), functions);
        assertTrue(functions.contains(Path.of("extra/lib.jar").toAbsolutePath().toString()), functions);
    }

    @Test
    void doesNothingWhenNoInputChanged() throws Exception {
        mojo.execute();
        Path library = out.resolve("libplugin.so");
        FileTime first = FileTime.fromMillis(0);
        Files.setLastModifiedTime(library, first);
        log.clear();
        mojo.execute();
        assertEquals(List.of("cffi4j: " + library + " is up to date"), log);
        assertEquals(first, Files.getLastModifiedTime(library));

        Files.writeString(cdef, "int add(int a, int b);\nint sub(int a, int b);\n");
        log.clear();
        mojo.execute();
        assertTrue(Files.readString(out.resolve("plugin.h")).contains("int sub(int a, int b);"), "a changed cdef");
        assertTrue(log.getFirst().endsWith("(exports add, sub)"), log.toString());

        mojo.embedding.classPath = List.of("extra/lib.jar");
        log.clear();
        mojo.execute();
        assertTrue(log.getFirst().startsWith("cffi4j: built "), "a changed class path: " + log);
    }

    @Test
    void aCdefErrorFailsTheBuildAtItsLine() throws Exception {
        Files.writeString(cdef, "int add(int a, int b);\nsize_tt count(const char *s);\n");
        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(
                e.getMessage().startsWith("src/main/cffi/plugin.cdef:2:1: unknown type name 'size_tt'"),
                e.getMessage());
        assertTrue(Files.notExists(out.resolve("libplugin.so")));
    }

    @Test
    void aFunctionJavaCannotImplementIsNamed() throws Exception {
        Files.writeString(cdef, "int add(int a, int b);\nint log_line(const char *format, ...);\n");
        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
        assertEquals(
                "cffi4j: embedding org.example.PluginImpl: src/main/cffi/plugin.cdef:2:5:"
                        + " 'int log_line(const char *format, ...)' is variadic: a Java"
                        + " method cannot take C's '...' arguments; declare a fixed list of parameters",
                e.getMessage());
    }

    @Test
    void aConfigurationErrorNamesTheElement() {
        mojo.embedding.cdefFiles = List.of(new File(project.toFile(), "missing.cdef"));
        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
        assertEquals(
                "cffi4j: embedding org.example.PluginImpl: no cdef file " + project.resolve("missing.cdef"),
                e.getMessage());

        mojo.embedding.cdefFiles = List.of(cdef.toFile());
        mojo.embedding.libraryName = "my plugin";
        e = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(
                e.getMessage()
                        .startsWith("cffi4j: embedding org.example.PluginImpl: <libraryName>: the library name"
                                + " 'my plugin' is not a file name"),
                e.getMessage());

        mojo.embedding.className = null;
        e = assertThrows(MojoFailureException.class, mojo::execute);
        assertEquals("cffi4j: the embed goal's <embedding> needs a <className>", e.getMessage());
    }
}

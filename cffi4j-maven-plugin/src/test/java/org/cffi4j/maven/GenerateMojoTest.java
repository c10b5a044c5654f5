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

/** The goal's Maven concerns: source roots, regeneration only on changed inputs, errors as Maven shows them. */
class GenerateMojoTest {
    @TempDir
    Path project;

    final List<String> log = new ArrayList<>();
    GenerateMojo mojo;
    Path cdef;

    @BeforeEach
    void configure() throws Exception {
        cdef = Files.createDirectories(project.resolve("src/main/cffi")).resolve("libc.cdef");
        Files.writeString(cdef, "int abs(int j);\n");
        MavenProject p = new MavenProject();
        p.setFile(project.resolve("pom.xml").toFile());
        p.getBuild().setDirectory(project.resolve("target").toString());
        mojo = new GenerateMojo();
        mojo.project = p;
        mojo.sourcesDirectory =
                project.resolve("target/generated-sources/cffi4j").toFile();
        mojo.resourcesDirectory =
                project.resolve("target/generated-resources/cffi4j").toFile();
        Binding b = new Binding();
        b.className = "org.example.LibC";
        b.cdefFiles = List.of(cdef.toFile());
        mojo.bindings = List.of(b);
        mojo.setLog(new SystemStreamLog() {
            @Override
            public void info(CharSequence content) {
                log.add(content.toString());
            }
        });
    }

    @Test
    void generatesAndAddsTheSourceAndResourceDirectories() throws Exception {
        mojo.execute();
        Path java = project.resolve("target/generated-sources/cffi4j/org/example/LibC.java");
        assertTrue(Files.readString(java).contains("public static int abs(int j)"));
        assertTrue(mojo.project.getCompileSourceRoots().contains(mojo.sourcesDirectory.getPath()));
        assertEquals(
                mojo.resourcesDirectory.getPath(),
                mojo.project.getResources().getLast().getDirectory());
        assertEquals(List.of("cffi4j: generated " + java + " (abi mode)"), log);
    }

    @Test
    void doesNothingWhenNoInputChanged() throws Exception {
        mojo.execute();
        Path java = project.resolve("target/generated-sources/cffi4j/org/example/LibC.java");
        FileTime first = FileTime.fromMillis(0);
        Files.setLastModifiedTime(java, first);
        log.clear();
        mojo.execute();
        assertEquals(List.of("cffi4j: org.example.LibC is up to date"), log);
        assertEquals(first, Files.getLastModifiedTime(java));

        Files.writeString(cdef, "int abs(int j);\nlong labs(long j);\n");
        log.clear();
        mojo.execute();
        assertTrue(Files.readString(java).contains("public static long labs(long j)"), "a changed cdef regenerates");
    }

    @Test
    void aCdefErrorFailsTheBuildAtItsLine() throws Exception {
        Files.writeString(cdef, "int abs(int j);\nsize_tt strlen(const char *s);\n");
        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(
                e.getMessage().startsWith("src/main/cffi/libc.cdef:2:1: unknown type name 'size_tt'"), e.getMessage());
    }

    @Test
    void aConfigurationErrorNamesTheElement() {
        mojo.bindings.getFirst().cdefFiles = List.of(new File(project.toFile(), "missing.cdef"));
        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
        assertEquals(
                "cffi4j: binding org.example.LibC: no cdef file " + project.resolve("missing.cdef"), e.getMessage());
        mojo.bindings.getFirst().mode = "api";
        mojo.bindings.getFirst().cdefFiles = List.of(cdef.toFile());
        e = assertThrows(MojoFailureException.class, mojo::execute);
        assertEquals(
                "cffi4j: binding org.example.LibC is in API mode and needs a <source> or <sourceFile>", e.getMessage());
    }
}

package org.cffi4j.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A C program, compiled by gcc here, linked against an embedded library whose functions are the
 * methods of {@link EmbeddedPlugin}: ints, doubles, strings, arrays, structs by value, callbacks
 * both ways, from main and from 8 threads of 10,000 calls each, every result checked in C.
 */
class EmbeddedLibraryTest {
    @TempDir
    static Path dir;

    static CProgram program;

    @BeforeAll
    static void build() {
        Embedder.Output out = Embedder.build(Embedded.spec("plugin.cdef", EmbeddedPlugin.class, "plugin"), dir);
        assertEquals(dir.resolve("libplugin.so"), out.library());
        program = CProgram.compile(dir, "plugin_main", CProgram.resource("plugin_main.c"), dir, "plugin");
    }

    // The JVM the library starts comes from the build's --java-home: nothing of the test's environment.
    static Map<String, String> cleanEnvironment() {
        Map<String, String> env = new HashMap<>();
        env.put("JAVA_HOME", null);
        env.put("CFFI4J_JAVA_HOME", null);
        env.put("CFFI4J_CLASSPATH", null);
        env.put("CFFI4J_JVM_OPTIONS", null);
        return env;
    }

    @Test
    void everySignatureFromMainThenEightThreads() {
        CProgram.Run r = program.run(cleanEnvironment());
        assertEquals(0, r.exitCode(), r.describe());
        assertEquals(
                List.of("main: 0 failed", "threads: 8 x 10000 calls, 0 wrong", "ALL OK"),
                r.out().lines().toList());
        // the one throwing call: one report, naming the C function and the exception
        List<String> reports =
                r.err().lines().filter(l -> l.startsWith("From cffi4j")).toList();
        assertEquals(
                List.of("From cffi4j embedded function 'int fail(int x)' of libplugin.so"
                        + " (org.cffi4j.codegen.EmbeddedPlugin.fail): java.lang.IllegalArgumentException: fail(-1):"
                        + " negative"),
                reports,
                r.err());
    }

    /**
     * The JVM's checks of JNI use, without its periodic check of the signal handlers, which prints
     * to stdout when it races the C program's exit (the program installs no handler of its own).
     */
    static final String JNI_CHECKS = "-Xcheck:jni -XX:+AllowUserSignalHandlers";

    // The JVM's own checker of JNI use, as the oracle of the library's start: no call left unchecked.
    @Test
    void itsJniUsePassesTheJvmsChecks() {
        Map<String, String> env = cleanEnvironment();
        env.put("CFFI4J_JVM_OPTIONS", JNI_CHECKS);
        CProgram.Run r = program.run(env);
        assertEquals(0, r.exitCode(), r.describe());
        assertEquals(
                List.of("main: 0 failed", "threads: 8 x 10000 calls, 0 wrong", "ALL OK"),
                r.out().lines().toList());
        assertTrue(r.err().lines().noneMatch(l -> l.contains("WARNING") || l.contains("FATAL")), r.err());
    }

    // The library starts at its first call, made by 8 threads at once: one JVM, all slots filled.
    @RepeatedTest(5)
    void firstCallsFromEightThreadsAtOnceStartItOnce() {
        CProgram.Run r = program.run(cleanEnvironment(), "threads-first");
        assertEquals(0, r.exitCode(), r.describe());
        assertEquals(
                List.of("threads: 8 x 10000 calls, 0 wrong", "ALL OK"),
                r.out().lines().toList());
        assertTrue(r.err().isEmpty(), r.err());
    }
}

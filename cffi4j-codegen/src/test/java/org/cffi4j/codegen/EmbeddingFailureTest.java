package org.cffi4j.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.cffi4j.CDefException;
import org.cffi4j.FFIException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a C programmer sees when an embedded library cannot call Java: each function returns zero
 * after one report on stderr that says what happened and what was tried; and what its build
 * refuses.
 */
class EmbeddingFailureTest {
    @TempDir
    Path dir;

    // Two calls of add: a failed start is reported once, not per call.
    static final String MAIN = "#include <stdio.h>\nint add(int a, int b);\nint main(void) {\n"
            + "    printf(\"%d %d\\n\", add(2, 3), add(4, 5));\n    return 0;\n}\n";

    CProgram.Run build(EmbeddingSpec spec, Map<String, String> env) {
        Embedder.build(spec, dir);
        CProgram p = CProgram.compile(dir, "main", MAIN, dir, spec.libraryName());
        return p.run(env);
    }

    static EmbeddingSpec spec(String cdef, String className) {
        return EmbeddingSpec.of(className, List.of(new CdefSource("test.cdef", cdef)), Embedded.classPath())
                .withLibraryName("test")
                .withJavaHome(System.getProperty("java.home"));
    }

    static final String ADD = "int add(int a, int b);";

    static void assertFailedOnce(CProgram.Run r, String why) {
        assertEquals(0, r.exitCode(), r.describe());
        assertEquals("0 0\n", r.out(), r.describe());
        assertEquals(
                "cffi4j: libtest.so cannot call its Java methods (" + why
                        + "\ncffi4j: every function of libtest.so returns zero (a zero-filled struct)\n",
                r.err());
    }

    @Test
    void noJvmToBeFoundNamesEachPlaceTried() {
        Map<String, String> env = new java.util.HashMap<>(EmbeddedLibraryTest.cleanEnvironment());
        CProgram.Run r = build(spec(ADD, EmbeddedPlugin.class.getName()).withJavaHome(null), env);
        assertFailedOnce(
                r,
                EmbeddedPlugin.class.getName() + "): no JVM runs in this process, and none could be"
                        + " started; tried:\n  CFFI4J_JAVA_HOME: not set\n  --java-home of the build: not set\n"
                        + "  JAVA_HOME: not set\nset CFFI4J_JAVA_HOME to a Java 25 (or later) installation");
    }

    @Test
    void aJavaHomeWithoutAJvmIsNamedWithTheLoadersMessage() throws Exception {
        Path notJava = Files.createDirectories(dir.resolve("not-java"));
        Map<String, String> env = new java.util.HashMap<>(EmbeddedLibraryTest.cleanEnvironment());
        env.put("CFFI4J_JAVA_HOME", dir.resolve("nowhere").toString());
        env.put("JAVA_HOME", notJava.toString());
        CProgram.Run r = build(spec(ADD, EmbeddedPlugin.class.getName()).withJavaHome(null), env);
        assertTrue(
                r.err()
                        .contains("  CFFI4J_JAVA_HOME: " + dir.resolve("nowhere/lib/server/libjvm.so")
                                + ": cannot open shared object file: No such file or directory\n"),
                r.describe());
        assertTrue(
                r.err().contains("  JAVA_HOME: " + notJava.resolve("lib/server/libjvm.so") + ": cannot open"),
                r.describe());
        assertEquals("0 0\n", r.out());
    }

    // Debian's default JDK (17) where the machine has it: a JVM too old for cffi4j, named with its path.
    static final Path JAVA_17 = Path.of("/usr/lib/jvm/java-17-openjdk-amd64");

    @Test
    void aJvmTooOldIsNamedWithItsPath() {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                Files.exists(JAVA_17.resolve("lib/server/libjvm.so")), "no Java 17 installed to try");
        Map<String, String> env = new java.util.HashMap<>(EmbeddedLibraryTest.cleanEnvironment());
        env.put("JAVA_HOME", JAVA_17.toString());
        CProgram.Run r = build(spec(ADD, EmbeddedPlugin.class.getName()).withJavaHome(null), env);
        assertEquals("0 0\n", r.out(), r.describe());
        assertTrue(
                r.err()
                        .startsWith("cffi4j: libtest.so cannot call its Java methods (" + EmbeddedPlugin.class.getName()
                                + "): the JVM (" + JAVA_17.resolve("lib/server/libjvm.so")
                                + " of JAVA_HOME) did not start: it is"
                                + " too old (cffi4j needs Java 25 or later); its options were -Djava.class.path="),
                r.err());
    }

    @Test
    void cffi4jJavaHomeFindsTheJvmWhenTheBuildGaveNone() {
        Map<String, String> env = new java.util.HashMap<>(EmbeddedLibraryTest.cleanEnvironment());
        env.put("CFFI4J_JAVA_HOME", System.getProperty("java.home"));
        CProgram.Run r = build(spec(ADD, EmbeddedPlugin.class.getName()).withJavaHome(null), env);
        assertEquals("5 9\n", r.out(), r.describe());
        assertEquals("", r.err());
    }

    // A class the build's class path lacks, found at run time through CFFI4J_CLASSPATH: checked when
    // the library starts.
    CProgram.Run buildWithoutTheClass(String cdef, String className, String... jvmOptions) {
        Embedder.Output out = Embedder.build(
                EmbeddingSpec.of(className, List.of(new CdefSource("test.cdef", cdef)), List.of())
                        .withLibraryName("test")
                        .withJavaHome(System.getProperty("java.home")),
                dir);
        assertEquals(
                List.of(className + " is not on the class path given: its methods are checked when the library starts"),
                out.notes());
        Map<String, String> env = new java.util.HashMap<>(EmbeddedLibraryTest.cleanEnvironment());
        env.put("CFFI4J_CLASSPATH", Embedded.classPath().getFirst());
        env.put("CFFI4J_JVM_OPTIONS", String.join(" ", jvmOptions));
        return CProgram.compile(dir, "main", MAIN, dir, "test").run(env);
    }

    static final String NO_SUBTRACT = EmbeddedPlugin.class.getName() + " has no method subtract for the C function"
            + " 'int subtract(int a, int b)': add 'public static int subtract(int a, int b)'";

    @Test
    void aMissingMethodFailsTheBuildWhenTheClassPathHasTheClass() {
        FFIException e = assertThrows(
                FFIException.class,
                () -> Embedder.build(spec(ADD + " int subtract(int a, int b);", EmbeddedPlugin.class.getName()), dir));
        assertEquals(NO_SUBTRACT, e.getMessage());
        assertTrue(Files.notExists(dir.resolve("libtest.so")));
    }

    @Test
    void aMissingMethodFoundAtTheStartIsNamedWithTheOneToWrite() {
        CProgram.Run r = buildWithoutTheClass(ADD + " int subtract(int a, int b);", EmbeddedPlugin.class.getName());
        assertFailedOnce(r, EmbeddedPlugin.class.getName() + "): " + NO_SUBTRACT);
    }

    @Test
    void aMethodOfOtherTypesIsNamedWithTheParameterThatDiffers() {
        String why = EmbeddedPlugin.class.getName() + ".hypotenuse(double, double) does not implement the C function"
                + " 'double hypotenuse(int a, double b)': parameter 1 is double, where C passes 'int' (int); declare"
                + " 'public static double hypotenuse(int a, double b)'";
        String cdef = ADD + " double hypotenuse(int a, double b);";
        assertEquals(
                why,
                assertThrows(FFIException.class, () -> Embedder.build(spec(cdef, EmbeddedPlugin.class.getName()), dir))
                        .getMessage());
        assertFailedOnce(
                buildWithoutTheClass(cdef, EmbeddedPlugin.class.getName()),
                EmbeddedPlugin.class.getName() + "): " + why);
    }

    @Test
    void aMissingClassIsNamedWithTheClassPath() {
        CProgram.Run r = buildWithoutTheClass(ADD, "org.example.Nowhere", EmbeddedLibraryTest.JNI_CHECKS);
        assertEquals("0 0\n", r.out(), r.describe());
        assertTrue(
                r.err()
                        .startsWith("cffi4j: libtest.so cannot call its Java methods (org.example.Nowhere): the class"
                                + " org.example.Nowhere is not on the class path ("),
                r.err());
        assertTrue(r.err().contains(Embedded.classPath().getFirst()), r.err());
        assertTrue(
                r.err().contains("add its jar or directory with --classpath at build time, or CFFI4J_CLASSPATH"),
                r.err());
    }

    @Test
    void aStaticInitialiserThatThrowsIsReportedWithItsException() {
        CProgram.Run r = build(
                spec(ADD, StartingPlugins.ThrowingInitialiser.class.getName()), EmbeddedLibraryTest.cleanEnvironment());
        assertEquals("0 0\n", r.out(), r.describe());
        assertTrue(
                r.err()
                        .startsWith("cffi4j: libtest.so cannot call its Java methods ("
                                + StartingPlugins.ThrowingInitialiser.class.getName() + "): the static initialiser of "
                                + StartingPlugins.ThrowingInitialiser.class.getName()
                                + " threw java.lang.IllegalStateException: no configuration file\n"),
                r.err());
    }

    @Test
    void aCallFromTheStartIntoTheLibraryGetsZeroNotADeadlock() {
        Map<String, String> env = new java.util.HashMap<>(EmbeddedLibraryTest.cleanEnvironment());
        env.put("EMBEDDED_LIBRARY", dir.resolve("libtest.so").toString());
        CProgram.Run r = build(spec(ADD, StartingPlugins.CallingItsOwnLibrary.class.getName()), env);
        assertEquals("5 9\n", r.out(), r.describe()); // DURING_START is 0
        assertEquals(
                "cffi4j: libtest.so: a function of the library was called while the library was starting (by the"
                        + " static initialiser of " + StartingPlugins.CallingItsOwnLibrary.class.getName()
                        + "?); it returns zero\n",
                r.err());
    }

    // The program owns its signals: its Ctrl-C handler still runs once the library has started a JVM.
    static final String SIGNALS = """
            #include <signal.h>
            #include <stdio.h>
            #include <unistd.h>
            int add(int a, int b);
            static volatile sig_atomic_t interrupted;
            static void on_interrupt(int sig) {
                interrupted = sig;
            }
            int main(void) {
                signal(SIGINT, on_interrupt);
                printf("%d\\n", add(2, 3));
                fflush(stdout);
                raise(SIGINT);
                for (int i = 0; i < 100 && !interrupted; i++) {
                    usleep(10000);
                }
                printf("interrupted: %d, then %d\\n", interrupted == SIGINT, add(4, 5));
                return 0;
            }
            """;

    @Test
    void theProgramKeepsItsSignalHandlers() {
        Embedder.build(spec(ADD, EmbeddedPlugin.class.getName()), dir);
        CProgram.Run r =
                CProgram.compile(dir, "signals", SIGNALS, dir, "test").run(EmbeddedLibraryTest.cleanEnvironment());
        assertEquals(0, r.exitCode(), r.describe());
        assertEquals("5\ninterrupted: 1, then 9\n", r.out(), r.describe());
    }

    // A child forked after the JVM started has none of its threads: it gets zero and one report,
    // while the parent goes on calling Java.
    static final String FORK = """
            #include <stdio.h>
            #include <sys/wait.h>
            #include <unistd.h>
            int add(int a, int b);
            int main(void) {
                printf("before: %d\\n", add(2, 3));
                fflush(stdout);
                pid_t child = fork();
                if (child == 0) {
                    printf("child: %d %d\\n", add(4, 5), add(6, 7));
                    return 0;
                }
                int status;
                waitpid(child, &status, 0);
                printf("parent: %d, child exit %d\\n", add(8, 9), WEXITSTATUS(status));
                return 0;
            }
            """;

    @Test
    void aChildForkedAfterTheStartGetsZeroNotAHang() {
        Embedder.build(spec(ADD, EmbeddedPlugin.class.getName()), dir);
        CProgram.Run r = CProgram.compile(dir, "fork", FORK, dir, "test").run(EmbeddedLibraryTest.cleanEnvironment());
        assertEquals(0, r.exitCode(), r.describe());
        assertEquals("before: 5\nchild: 0 0\nparent: 17, child exit 0\n", r.out(), r.describe());
        assertEquals(
                "cffi4j: libtest.so: this process was forked after the library started its JVM, whose threads a fork"
                        + " does not copy: Java cannot run here, and every function of libtest.so returns zero (start"
                        + " the JVM after fork, in each child)\n",
                r.err());
    }

    @Test
    void aBadJvmOptionIsReportedWithTheOptions() {
        Map<String, String> env = new java.util.HashMap<>(EmbeddedLibraryTest.cleanEnvironment());
        env.put("CFFI4J_JVM_OPTIONS", "-Xmx64m -Xno-such-option");
        CProgram.Run r = build(spec(ADD, EmbeddedPlugin.class.getName()), env);
        assertEquals("0 0\n", r.out(), r.describe());
        assertTrue(
                r.err().contains(" of --java-home of the build) did not start: see the JVM's message above;"), r.err());
        assertTrue(r.err().startsWith("Unrecognized option: -Xno-such-option\n"), r.err());
        assertTrue(r.err().contains(" -Xmx64m -Xno-such-option "), r.err());
    }

    // The JVM's own upcall stubs abort the process when they cannot attach a thread; the library
    // attaches it first, where a refusal is a report and a zero.
    static final String SMALL_STACK = """
            #include <pthread.h>
            #include <stdio.h>
            int add(int a, int b);
            static void *call(void *arg) {
                printf("%d KiB: %d\\n", (int) (long) arg, add(2, 3));
                return NULL;
            }
            int main(void) {
                long sizes[] = {64, 512, 64};
                printf("main: %d\\n", add(1, 1));
                for (int i = 0; i < 3; i++) {
                    pthread_attr_t attr;
                    pthread_t t;
                    pthread_attr_init(&attr);
                    pthread_attr_setstacksize(&attr, sizes[i] * 1024);
                    pthread_create(&t, &attr, call, (void *) sizes[i]);
                    pthread_join(t, NULL);
                }
                return 0;
            }
            """;

    @Test
    void aThreadTheJvmCannotAttachGetsZeroNotACrash() {
        Embedder.build(spec(ADD, EmbeddedPlugin.class.getName()), dir);
        CProgram.Run r =
                CProgram.compile(dir, "small", SMALL_STACK, dir, "test").run(EmbeddedLibraryTest.cleanEnvironment());
        assertEquals(0, r.exitCode(), r.describe());
        assertEquals("main: 2\n64 KiB: 0\n512 KiB: 5\n64 KiB: 0\n", r.out(), r.describe());
        String report = "cffi4j: libtest.so: this C thread (stack of 64 KiB) cannot call Java: the JVM refused to"
                + " attach it (a thread's stack needs room for the JVM's guard pages and frames: give it 256 KiB or"
                + " more); the call returns zero\n";
        assertEquals(report + report, r.err());
    }

    @Test
    void theBuildRefusesWhatJavaCannotImplement() {
        assertEquals(
                "test.cdef:1:5: 'int printf(const char *format, ...)' is variadic: a Java method cannot take C's '...' arguments;"
                        + " declare a fixed list of parameters",
                assertThrows(
                                FFIException.class,
                                () -> Embedder.build(spec("int printf(const char *format, ...);", "X"), dir))
                        .getMessage());
        assertTrue(assertThrows(FFIException.class, () -> Embedder.build(spec("long double f(void);", "X"), dir))
                .getMessage()
                .startsWith("test.cdef:1:13: 'long double f(void)' cannot be implemented in Java: "));
        assertEquals(
                "the cdef declares no function: an embedded library exports its cdef's functions",
                assertThrows(FFIException.class, () -> Embedder.build(spec("typedef int t;", "X"), dir))
                        .getMessage());
        assertEquals(
                "test.cdef:1:12: 'int counter' is a global variable: an embedded library exports functions only;"
                        + " declare a function that returns it (or its address)",
                assertThrows(
                                FFIException.class,
                                () -> Embedder.build(spec("extern int counter; int f(void);", "X"), dir))
                        .getMessage());
        CDefException e = assertThrows(CDefException.class, () -> Embedder.build(spec("int f(int;\n", "X"), dir));
        assertTrue(e.getMessage().startsWith("test.cdef:1:"), e.getMessage());
        assertTrue(Files.notExists(dir.resolve("libtest.so")));
    }
}

package org.cffi4j.apimode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.cffi4j.CData;
import org.cffi4j.FFI;
import org.cffi4j.FFIException;
import org.cffi4j.Library;
import org.cffi4j.testing.ForkedJvm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code extern "Java"}: C functions the module's source calls and Java implements with
 * {@code lib.defExtern}. Before that a call returns zero (and C prints a warning on its own stderr,
 * which only a JVM of its own lets the test read); afterwards the Java function's result; an exception in it gives C zero.
 */
class ExternJavaTest {
    /** The Java side of {@code int on_event(int)}. */
    public interface IntOp {
        int apply(int x);
    }

    /** The Java side of {@code double on_pair(int, void *)}. */
    public interface PairOp {
        double apply(int x, CData userData);
    }

    private static final String CDEF = """
            extern "Java" int on_event(int);
            extern "Java" double on_pair(int, void *);
            extern "Java" void on_log(const char *);
            int fire(int x);
            double fire_pair(int x, void *user_data);
            void fire_log(int n);
            """;

    // The extern "Java" prototypes come from the generated C: the source needs none.
    private static final String SOURCE = """
            #include <stdio.h>
            int fire(int x) { return on_event(x); }
            double fire_pair(int x, void *user_data) { return on_pair(x, user_data) + on_pair(x + 1, user_data); }
            void fire_log(int n) {
                char line[32];
                for (int i = 0; i < n; i++) {
                    snprintf(line, sizeof line, "event %d", i);
                    on_log(line);
                }
            }
            """;

    private static FFI ffi;

    @BeforeAll
    static void cache() {
        TestCache.install();
    }

    // A new library for each test: the Java functions are set per loaded module.
    private static Library compile(String module) {
        ffi = new FFI();
        ffi.cdef(CDEF);
        ffi.setSource(module, SOURCE);
        return ffi.compile();
    }

    @Test
    void aCallGivesTheJavaResultAndRedefiningReplacesIt() {
        Library lib = compile("_extern_java_roundtrip");

        lib.defExtern("on_event", (IntOp) x -> x * 10);
        assertEquals(50, lib.call("fire", 5));
        assertEquals(-70, lib.call("fire", -7));

        lib.defExtern("on_event", (IntOp) x -> x + 1); // redefining replaces it
        assertEquals(6, lib.call("fire", 5));
    }

    @Test
    void beforeDefExternACallReturnsZeroAndCWarnsOnItsStderr() {
        // In a JVM of its own: C writes to the process's stderr, which this JVM cannot capture.
        ForkedJvm.Result r = ForkedJvm.run(
                ExternJavaWarningMain.class, List.of("-Dcffi4j.cache=" + TestCache.newDirectory("cffi4j-extern")));
        assertEquals(0, r.exitCode(), r.transcript());
        assertEquals("fire(5) = 0\n", r.stdout(), r.transcript());
        assertEquals(
                "cffi4j: extern \"Java\" function 'on_event' was called before lib.defExtern(\"on_event\", ...)"
                        + " defined it\n",
                r.stderr(),
                r.transcript());
    }

    @Test
    void twoModulesWithTheSameNamesEachCallTheirOwn() {
        // Regression: with the modules loaded RTLD_GLOBAL, the second module's 'fire' called the
        // first module's 'on_event' stub, whose Java function was never set.
        Library first = compile("_extern_java_first");
        Library second = compile("_extern_java_second");
        first.defExtern("on_event", (IntOp) x -> x + 1000);
        second.defExtern("on_event", (IntOp) x -> x + 2000);

        assertEquals(1005, first.call("fire", 5));
        assertEquals(2005, second.call("fire", 5));
    }

    @Test
    void userDataPointersAndStringsCrossBothWays() {
        Library lib = compile("_extern_java_userdata");
        List<String> log = new ArrayList<>();
        lib.defExtern("on_log", (Function<Object[], Object>) args -> {
            log.add(ffi.string((CData) args[0]));
            return null;
        });
        Object owner = new Object();
        lib.defExtern("on_pair", (PairOp) (x, userData) -> {
            assertSame(owner, ffi.fromHandle(userData));
            return x * 1.5;
        });

        lib.call("fire_log", 3);
        assertEquals(List.of("event 0", "event 1", "event 2"), log);
        assertEquals(1.5 * 4 + 1.5 * 5, lib.call("fire_pair", 4, ffi.newHandle(owner)));
    }

    @Test
    void anExceptionInTheJavaFunctionGivesCZero() {
        Library lib = compile("_extern_java_throws");
        lib.defExtern("on_event", (IntOp) x -> {
            throw new IllegalStateException("boom " + x);
        });
        PrintStream stderr = System.err;
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        System.setErr(new PrintStream(report, true));
        try {
            assertEquals(0, lib.call("fire", 9));
        } finally {
            System.setErr(stderr);
        }
        assertTrue(report.toString().contains("boom 9"), report.toString());
    }

    @Test
    void defExternRefusesWhatIsNotExternJava() {
        Library lib = compile("_extern_java_refusals");
        FFIException notExtern = assertThrows(FFIException.class, () -> lib.defExtern("fire", (IntOp) x -> x));
        assertTrue(notExtern.getMessage().contains("not declared extern \"Java\""), notExtern.getMessage());
        FFIException badSignature =
                assertThrows(FFIException.class, () -> lib.defExtern("on_event", (PairOp) (x, p) -> 1.0));
        assertTrue(
                badSignature.getMessage().contains("on_event")
                        || badSignature.getMessage().contains("int(*)(int)"),
                badSignature.getMessage());

        FFI abi = new FFI();
        abi.cdef("extern \"Java\" int on_event(int);");
        try (Library libc = abi.dlopen(null)) {
            assertThrows(FFIException.class, () -> libc.defExtern("on_event", (IntOp) x -> x));
        }
    }
}

package org.cffi4j.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntUnaryOperator;
import org.cffi4j.CData;
import org.cffi4j.FFI;
import org.cffi4j.FFIException;
import org.cffi4j.Library;
import org.cffi4j.testing.ForkedJvm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How a callback's exception is reported when the report itself cannot run at once (no stack or
 * heap left: simulated here by a handler that throws the error the JVM would), and what a callback
 * must be.
 */
class CallbackReportTest {
    private static FFI ffi;
    private static Library lib;

    @BeforeAll
    static void load() {
        ffi = new FFI();
        ffi.cdef("int apply_int(int (*f)(int), int x);");
        lib = ffi.dlopen(TestLibraries.library("stress").toString());
    }

    /** A handler that fails as if there were no heap the first {@code failures} times. */
    private static Consumer<Throwable> failingFirst(int failures, Throwable as, List<Throwable> reported) {
        int[] left = {failures};
        return t -> {
            if (left[0]-- > 0) {
                throw (RuntimeException) sneaky(as);
            }
            reported.add(t);
        };
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> RuntimeException sneaky(Throwable t) throws T {
        throw (T) t;
    }

    private static CData throwing(List<Throwable> reported, Consumer<Throwable> handler) {
        return ffi.callback(
                "int(*)(int)",
                (IntUnaryOperator) x -> {
                    if (x < 0) {
                        throw new IllegalStateException("thrown for " + x);
                    }
                    return x * 10;
                },
                -7,
                handler);
    }

    @Test
    void anExceptionWhoseReportHadNoHeapIsReportedAtTheCallbacksNextCall() {
        List<Throwable> reported = new ArrayList<>();
        CData f = throwing(reported, failingFirst(1, new OutOfMemoryError("pretend"), reported));

        assertEquals(-7, lib.call("apply_int", f, -1));
        assertEquals(List.of(), reported, "not reported yet: the handler had no heap");
        assertEquals(20, lib.call("apply_int", f, 2));
        assertEquals(30, lib.call("apply_int", f, 3));

        assertEquals(1, reported.size(), "reported once");
        assertEquals(
                "java.lang.IllegalStateException: thrown for -1",
                reported.getFirst().toString());
    }

    @Test
    void anExceptionWhoseReportHadNoStackIsReportedLaterToo() {
        List<Throwable> reported = new ArrayList<>();
        CData f = throwing(reported, failingFirst(3, new StackOverflowError("pretend"), reported));

        assertEquals(-7, lib.call("apply_int", f, -1)); // its report fails: kept
        assertEquals(-7, lib.call("apply_int", f, -2)); // the kept one fails again, and this one: counted
        assertEquals(30, lib.call("apply_int", f, 3));

        assertEquals(2, reported.size(), () -> reported.toString());
        assertEquals(
                "java.lang.IllegalStateException: thrown for -1",
                reported.get(0).toString());
        assertEquals(
                "org.cffi4j.FFIException: 1 more exception thrown in callback 'int(*)(int)' could not be reported:"
                        + " there was no stack or heap left to do it",
                reported.get(1).toString());
    }

    @Test
    void anExceptionStillWaitingIsReportedWhenTheCallbackIsReleased() {
        List<Throwable> reported = new ArrayList<>();
        CData f = throwing(reported, failingFirst(1, new OutOfMemoryError("pretend"), reported));

        assertEquals(-7, lib.call("apply_int", f, -4));
        ffi.release(f);

        assertEquals(1, reported.size());
        assertEquals(
                "java.lang.IllegalStateException: thrown for -4",
                reported.getFirst().toString());
    }

    @Test
    void aJavaObjectThatIsNoFunctionIsRefused() {
        assertEquals(
                "the Java function of callback 'int(*)(int)' must be a lambda of a functional interface or a"
                        + " java.util.function.Function<Object[], Object>, not java.lang.Integer",
                assertThrows(FFIException.class, () -> ffi.callback("int(*)(int)", 0))
                        .getMessage());
        assertEquals(
                "the Java function of callback 'int(*)(int)' must be a lambda of a functional interface or a"
                        + " java.util.function.Function<Object[], Object>, not java.lang.String",
                assertThrows(FFIException.class, () -> ffi.callback("int(*)(int)", "x"))
                        .getMessage());
    }

    /** {@code int *(*)(int *, int, int)} in the linker's types. */
    @FunctionalInterface
    public interface Finder {
        MemorySegment find(MemorySegment items, int n, int wanted);
    }

    @Test
    void aHeapMemorySegmentReturnedForAPointerIsReportedAndCGetsTheErrorValue() {
        ForkedJvm.Result r = ForkedJvm.run(
                HeapSegmentResultMain.class,
                List.of(),
                TestLibraries.library("signatures").toString());
        assertEquals(0, r.exitCode(), r::transcript);
        assertEquals(List.of("NULL true", "DONE"), r.lines(), r::transcript);
        assertTrue(
                r.stderr()
                        .startsWith("From cffi4j callback 'int *(*)(int *, int, int)': org.cffi4j.FFIException: a"
                                + " callback cannot return a heap MemorySegment as a C pointer: "),
                r::transcript);
    }
}

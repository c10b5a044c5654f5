package org.cffi4j.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntBinaryOperator;
import java.util.function.IntUnaryOperator;
import java.util.function.LongUnaryOperator;
import org.cffi4j.CData;
import org.cffi4j.FFI;
import org.cffi4j.FFIException;
import org.cffi4j.Library;
import org.cffi4j.testing.StdErr;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The mistakes a user can make with callbacks, and what cffi4j answers: a throwing callback (the
 * default report on stderr, C gets zero), a Java signature that does not match the C one (an
 * FFIException when the callback is made, naming both), a bad error value, and a released callback.
 *
 * <p>What cannot be tested: C calling a callback after it was released (or after its cdata became
 * unreachable). The upcall stub's code is gone then, and the call is a jump into freed memory that
 * crashes the process, exactly as in C or CFFI. cffi4j can only refuse what passes through it: a
 * released callback given to a C call, stored in C memory, or called from Java.
 */
class CallbackMisuseTest {
    private static FFI ffi;
    private static Library lib;

    /** {@code int(*)(int)} with a wider result than C's. */
    @FunctionalInterface
    public interface IntToLong {
        long apply(int x);
    }

    /** A typed char * result: a String has no C memory that outlives the call. */
    @FunctionalInterface
    public interface StringResult {
        String apply(String s, int n);
    }

    @BeforeAll
    static void load() {
        ffi = new FFI();
        ffi.cdef("""
                struct holder { int (*f)(int); };
                int apply_int(int (*f)(int), int x);
                const char *apply_str(const char *(*f)(const char *, int), const char *s, int n);
                """);
        lib = ffi.dlopen(TestLibraries.library("signatures").toString());
    }

    // --- a throwing callback

    @Test
    void theDefaultReportPrintsTheCTypeAndTheStackTraceAndCGetsZero() {
        CData f = ffi.callback("int(*)(int)", (IntUnaryOperator) x -> {
            throw new IllegalStateException("boom " + x);
        });
        Object[] result = new Object[1];

        String err = StdErr.capture(() -> result[0] = lib.call("apply_int", f, 12));

        assertEquals(0, result[0]);
        assertTrue(
                err.startsWith("From cffi4j callback 'int(*)(int)': java.lang.IllegalStateException: boom 12"
                        + System.lineSeparator()),
                err);
        assertTrue(
                err.contains("\tat ") && err.contains(CallbackMisuseTest.class.getName() + ".lambda$"),
                "the stack trace is printed: " + err);
    }

    @Test
    void anErrorIsCaughtLikeAnException() {
        List<Throwable> reported = new ArrayList<>();
        CData f = ffi.callback(
                "int(*)(int)",
                (IntUnaryOperator) x -> {
                    throw new StackOverflowError("pretend");
                },
                5,
                reported::add);

        assertEquals(5, lib.call("apply_int", f, 1));
        assertInstanceOf(StackOverflowError.class, reported.getFirst());
    }

    @Test
    void anOnErrorHandlerThatThrowsIsPrintedAndCStillGetsTheErrorValue() {
        CData f = ffi.callback(
                "int(*)(int)",
                (IntUnaryOperator) x -> {
                    throw new IllegalStateException("first");
                },
                -1,
                t -> {
                    throw new IllegalArgumentException("the handler failed too");
                });
        Object[] result = new Object[1];

        String err = StdErr.capture(() -> result[0] = lib.call("apply_int", f, 1));

        assertEquals(-1, result[0]);
        assertTrue(err.contains("java.lang.IllegalArgumentException: the handler failed too"), err);
    }

    @Test
    void aResultThatDoesNotConvertIsReportedLikeAnException() {
        List<Throwable> reported = new ArrayList<>();
        CData f = ffi.callback("int(*)(int)", (Function<Object[], Object>) args -> 1L << 40, -7, reported::add);

        assertEquals(-7, lib.call("apply_int", f, 1));

        assertInstanceOf(FFIException.class, reported.getFirst());
        assertEquals(
                "integer 1099511627776 does not fit in 'int' (the return value of callback 'int(*)(int)'): the range"
                        + " is -2147483648..2147483647",
                reported.getFirst().getMessage());
    }

    // --- a wrong signature

    @Test
    void aParameterOfTheWrongWidthIsRefusedNamingBothSignatures() {
        FFIException e =
                assertThrows(FFIException.class, () -> ffi.callback("int(*)(int)", (LongUnaryOperator) x -> x));

        assertEquals(
                "the callback's long applyAsLong(long) does not match 'int(*)(int)': parameter 1 is long, which"
                        + " cannot receive 'int'",
                e.getMessage());
    }

    @Test
    void aResultOfTheWrongWidthIsRefusedNamingBothSignatures() {
        FFIException e = assertThrows(FFIException.class, () -> ffi.callback("int(*)(int)", (IntToLong) x -> x));

        assertEquals(
                "the callback's long apply(int) does not match 'int(*)(int)': the result long cannot be returned as"
                        + " 'int'",
                e.getMessage());
    }

    @Test
    void tooManyOrTooFewParametersAreRefusedNamingBothSignatures() {
        FFIException more =
                assertThrows(FFIException.class, () -> ffi.callback("int(*)(int)", (IntBinaryOperator) (a, b) -> a));
        FFIException fewer = assertThrows(
                FFIException.class, () -> ffi.callback("int(*)(int, int, int)", (IntBinaryOperator) (a, b) -> a));

        assertEquals(
                "the callback's int applyAsInt(int, int) does not match 'int(*)(int)': it has 2 parameters, the C"
                        + " function 1",
                more.getMessage());
        assertEquals(
                "the callback's int applyAsInt(int, int) does not match 'int(*)(int, int, int)': it has 2"
                        + " parameters, the C function 3",
                fewer.getMessage());
    }

    @Test
    void aStringResultIsRefusedWhenTheCallbackIsMade() {
        // Its memory would be gone when C reads it: refused now rather than failing at every call.
        FFIException e = assertThrows(
                FFIException.class,
                () -> ffi.callback("const char *(*)(const char *, int)", (StringResult) (s, n) -> s.repeat(n)));

        assertEquals(
                "the callback's String apply(String, int) does not match 'const char *(*)(const char *, int)': a"
                        + " String result has no C memory that outlives the call; return a cdata from ffi.alloc(\"char[]\", s)"
                        + " kept alive elsewhere",
                e.getMessage());
    }

    @Test
    void somethingOtherThanAFunctionIsRefused() {
        FFIException e = assertThrows(FFIException.class, () -> ffi.callback("int(*)(int)", new Object()));

        assertEquals(
                "the Java function of callback 'int(*)(int)' must be a lambda of a functional interface or a"
                        + " java.util.function.Function<Object[], Object>, not java.lang.Object",
                e.getMessage());
        assertEquals(
                "the Java function of callback 'int(*)(int)' is null",
                assertThrows(FFIException.class, () -> ffi.callback("int(*)(int)", null))
                        .getMessage());
    }

    @Test
    void aTypeThatIsNoFunctionPointerIsRefused() {
        assertEquals(
                "a callback needs a function pointer type such as 'int(*)(int)', not 'int'",
                assertThrows(FFIException.class, () -> ffi.callback("int", (IntUnaryOperator) x -> x))
                        .getMessage());
        assertEquals(
                "a callback needs a function pointer type, not 'int *'",
                assertThrows(FFIException.class, () -> ffi.callback("int *", (IntUnaryOperator) x -> x))
                        .getMessage());
        assertEquals(
                "a callback cannot be variadic ('int(*)(int, ...)')",
                assertThrows(
                                FFIException.class,
                                () -> ffi.callback("int(*)(int, ...)", (Function<Object[], Object>) a -> 0))
                        .getMessage());
    }

    @Test
    void aFunctionTypeIsTakenAsItsPointer() {
        CData f = ffi.callback("int(int)", (IntUnaryOperator) x -> x + 1);

        assertEquals("int(*)(int)", f.ctype().toString());
        assertEquals(8, lib.call("apply_int", f, 7));
    }

    @Test
    void anErrorValueThatDoesNotConvertIsRefusedWhenTheCallbackIsMade() {
        FFIException e = assertThrows(
                FFIException.class, () -> ffi.callback("int(*)(int)", (IntUnaryOperator) x -> x, 1L << 40, null));

        assertEquals(
                "integer 1099511627776 does not fit in 'int' (the error value of callback 'int(*)(int)'): the range"
                        + " is -2147483648..2147483647",
                e.getMessage());
    }

    // --- a released callback

    @Test
    void aReleasedCallbackCalledFromJavaIsAnFFIException() {
        CData f = ffi.callback("int(*)(int)", (IntUnaryOperator) x -> x * 3);
        assertEquals(6, f.call(2));

        ffi.release(f);

        FFIException e = assertThrows(FFIException.class, () -> f.call(2));
        assertTrue(e.getMessage().contains("after it was released"), e.getMessage());
        assertTrue(f.toString().endsWith(", released>"), f.toString());
        ffi.release(f); // a second release does nothing
    }

    @Test
    void aReleasedCallbackPassedToCIsRefusedBeforeCCanCallIt() {
        CData f = ffi.callback("int(*)(int)", (IntUnaryOperator) x -> x);
        ffi.release(f);

        FFIException e = assertThrows(FFIException.class, () -> lib.call("apply_int", f, 1));

        assertTrue(
                e.getMessage().contains("after it was released")
                        && e.getMessage().contains("argument 1 of 'apply_int'"),
                e.getMessage());
    }

    @Test
    void aReleasedCallbackStoredInCMemoryIsRefused() {
        CData f = ffi.callback("int(*)(int)", (IntUnaryOperator) x -> x);
        CData holder = ffi.alloc("struct holder *");
        ffi.release(f);

        FFIException e = assertThrows(FFIException.class, () -> holder.set("f", f));
        FFIException init = assertThrows(FFIException.class, () -> ffi.alloc("struct holder *", Map.of("f", f)));

        assertTrue(e.getMessage().contains("after it was released"), e.getMessage());
        assertTrue(init.getMessage().contains("after it was released"), init.getMessage());
        assertTrue(((CData) holder.get("f")).isNull());
    }

    @Test
    void aCallbackKeptReachableSurvivesGarbageCollections() throws InterruptedException {
        CData f = ffi.callback("int(*)(int)", (IntUnaryOperator) x -> -x);
        CData holder = ffi.alloc("struct holder *");
        holder.set("f", f); // C memory does not keep f alive; the local variable does, until the fence below

        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(20); // let the cleaner run, were f collectable
        }

        assertEquals(-5, ((CData) holder.get("f")).call(5));
        assertEquals(-6, lib.call("apply_int", holder.get("f"), 6));
        assertFalse(f.toString().contains("released"));
        java.lang.ref.Reference.reachabilityFence(f);
    }
}

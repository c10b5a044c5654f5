package org.cffi4j.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.stream.Stream;
import org.cffi4j.CDefException;
import org.cffi4j.FFI;
import org.cffi4j.FFIException;
import org.cffi4j.ctype.CType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The inputs the fuzzer found that broke cdef's contract (a StackOverflowError, another exception
 * than CDefException, a hang, an unlocated message), each reduced to its essence.
 */
class CdefRegressionTest {
    private static final Duration LIMIT = Duration.ofSeconds(5);
    private static final int DEEP = 100_000;

    static Stream<Arguments> rejected() {
        return Stream.of(
                // Prefix operators and type names that recursed without TokenStream.enter(): StackOverflowError.
                Arguments.of("sizeof chain", "#define X " + "sizeof ".repeat(DEEP) + "1\n", "nested too deeply"),
                Arguments.of("_Alignof chain", "#define X " + "_Alignof ".repeat(DEEP) + "1\n", "nested too deeply"),
                Arguments.of(
                        "__extension__ chain",
                        "#define X " + "__extension__ ".repeat(DEEP) + "1\n",
                        "nested too deeply"),
                Arguments.of(
                        "__typeof__ chain",
                        "typedef " + "__typeof__(".repeat(DEEP) + "int" + ")".repeat(DEEP) + " t;",
                        "nested too deeply"),
                Arguments.of(
                        "_Atomic chain",
                        "typedef " + "_Atomic(".repeat(DEEP) + "int" + ")".repeat(DEEP) + " t;",
                        "nested too deeply"),
                Arguments.of(
                        "_Alignas chain",
                        "typedef int " + "_Alignas(int ".repeat(DEEP) + ")".repeat(DEEP) + " t;",
                        "nested too deeply"),
                Arguments.of(
                        "enum underlying type chain", "enum " + ": enum ".repeat(DEEP) + "{ A };", "nested too deeply"),
                // FFIException, IllegalArgumentException and ArithmeticException escaped the parser.
                Arguments.of(
                        "_Alignas of an incomplete struct",
                        "_Alignas(struct nowhere) int x;",
                        "_Alignas of 'struct nowhere'"),
                Arguments.of("_Alignas of void", "struct s { _Alignas(void) int x; };", "_Alignas of 'void'"),
                Arguments.of("negative \\u escape in a string", "_Static_assert(1, \"\\u-123\");", "bad escape"),
                Arguments.of("sizeof overflowing", "#define X sizeof(char[1L << 40][1L << 40])\n", "too large"),
                // Arrays nested 100,000 deep: recursive byteSize and isComplete overflowed the stack.
                Arguments.of(
                        "deep array in a struct",
                        "struct s { char a" + "[1]".repeat(DEEP) + "; }; int int;",
                        "cannot combine"),
                Arguments.of(
                        "sizeof of a deep array", "#define X sizeof(char" + "[2]".repeat(DEEP) + ")\n", "too large"),
                // Deep and exponentially large types: recursive equality and printing.
                Arguments.of(
                        "conflicting deep pointers",
                        "int " + "*".repeat(DEEP) + "p;\nchar " + "*".repeat(DEEP) + "p;",
                        "conflicting declaration of 'p'"),
                Arguments.of(
                        "conflicting exponential type",
                        doublingChain("x", 60) + "typedef int x59;",
                        "conflicting declaration of 'x59'"),
                Arguments.of(
                        "conflicting deep parameter chain",
                        parameterChain(30_000) + "typedef int q29999;",
                        "conflicting declaration of 'q29999'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejected")
    void givesALocatedCDefException(String name, String source, String expectedFragment) {
        CDefException e =
                assertTimeoutPreemptively(LIMIT, () -> assertThrows(CDefException.class, () -> new FFI().cdef(source)));
        assertNull(CdefContract.badError(e, source.length()), name);
        assertTrue(e.getMessage().contains(expectedFragment), e.getMessage());
    }

    static Stream<Arguments> accepted() {
        return Stream.of(
                // Redeclarations compared equal by recursion (StackOverflowError) or in exponential time.
                Arguments.of("redeclared deep pointer", ("int " + "*".repeat(DEEP) + "p;\n").repeat(2)),
                Arguments.of(
                        "redeclared exponential types",
                        doublingChain("x", 60) + doublingChain("y", 60) + "void h(x59); void h(y59);"),
                Arguments.of(
                        "redeclared deep parameter chain", parameterChain(30_000) + "void h(q29999); void h(q29999);"),
                Arguments.of("deep array typedef chain", arrayChain(30_000) + "struct holder { a29999 member; };"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void isAccepted(String name, String source) {
        assertTimeoutPreemptively(LIMIT, () -> new FFI().cdef(source), name);
    }

    @Test
    void aLineMarkerNearTheLargestLineNumberDoesNotWrapAround() {
        CDefException e =
                assertThrows(CDefException.class, () -> new FFI().cdef("# 2147483647 \"big.h\"\n\n\nint int;"));
        assertEquals(Integer.MAX_VALUE, e.line());
        assertTrue(e.getMessage().startsWith("big.h:2147483647:5: "), e.getMessage());
    }

    @Test
    void aTypedefNamingAnOlderAnonymousStructIsUndoneWithTheCdef() {
        FFI ffi = new FFI();
        ffi.cdef("struct { int x; } v; enum { A1, A2 } e;");
        assertThrows(
                CDefException.class,
                () -> ffi.cdef("typedef __typeof__(v) named_t; typedef __typeof__(e) en_t; int int;"));
        assertEquals("struct $1", ffi.typeOf("__typeof__(v)").toString());
        assertEquals("enum $2", ffi.typeOf("__typeof__(e)").toString());
        ffi.cdef("typedef __typeof__(v) named_t;"); // and a successful cdef still names it
        assertEquals("named_t", ffi.typeOf("__typeof__(v)").toString());
    }

    @Test
    void exponentiallyLargeTypesPrintElidedInMessagesAndAreRefusedAsC() {
        FFI ffi = new FFI();
        ffi.cdef(doublingChain("x", 60));
        CType huge = ffi.typeOf("x59");
        String printed = assertTimeoutPreemptively(LIMIT, huge::toString);
        assertTrue(printed.length() < 10_000 && printed.contains("/*...*/"), printed.length() + " chars");
        assertTimeoutPreemptively(LIMIT, () -> assertThrows(FFIException.class, () -> huge.declare("f")));
        assertEquals(
                "int(*(*)(int(*)(void), int(*)(void)))(void)", ffi.typeOf("x1").toString());
        assertEquals(ffi.typeOf("x3").declare(""), ffi.typeOf("x3").toString(), "small types print whole");
    }

    @Test
    void deepTypesPrintInLinearTime() {
        FFI ffi = new FFI();
        ffi.cdef("typedef int " + "*".repeat(DEEP) + "deep_t;");
        String exact =
                assertTimeoutPreemptively(LIMIT, () -> ffi.typeOf("deep_t").declare("q"));
        assertEquals("int " + "*".repeat(DEEP) + "q", exact);
    }

    // typedef int (*x0)(void); typedef x0 (*x1)(x0, x0); ...: a DAG whose tree has 3^n nodes.
    private static String doublingChain(String p, int n) {
        StringBuilder sb = new StringBuilder("typedef int (*" + p + "0)(void);\n");
        for (int i = 1; i < n; i++) {
            String prev = p + (i - 1);
            sb.append("typedef ")
                    .append(prev)
                    .append(" (*")
                    .append(p)
                    .append(i)
                    .append(")(")
                    .append(prev)
                    .append(", ")
                    .append(prev)
                    .append(");\n");
        }
        return sb.toString();
    }

    private static String parameterChain(int n) {
        StringBuilder sb = new StringBuilder("typedef void (*q0)(int);\n");
        for (int i = 1; i < n; i++) {
            sb.append("typedef void (*q").append(i).append(")(q").append(i - 1).append(");\n");
        }
        return sb.toString();
    }

    private static String arrayChain(int n) {
        StringBuilder sb = new StringBuilder("typedef char a0[1];\n");
        for (int i = 1; i < n; i++) {
            sb.append("typedef a").append(i - 1).append(" a").append(i).append("[1];\n");
        }
        return sb.toString();
    }
}

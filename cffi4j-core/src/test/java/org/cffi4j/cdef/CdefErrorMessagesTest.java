package org.cffi4j.cdef;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.cffi4j.CDefException;
import org.cffi4j.FFI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The messages of the common mistakes, exactly: location, what is wrong, the line and a caret. */
class CdefErrorMessagesTest {

    private static String errorOf(String source) {
        return assertThrows(CDefException.class, () -> new FFI().cdef(source)).getMessage();
    }

    @Test
    void unknownTypeName() {
        assertEquals("""
                cdef:1:21: unknown type name 'size_tt'; did you mean 'size_t'? (in declaration of 'strlen')
                    size_t strlen(const size_tt *s);
                                        ^""", errorOf("size_t strlen(const size_tt *s);"));
    }

    @Test
    void unknownTypeNameAtTheStart() {
        assertEquals("""
                cdef:2:1: unknown type name 'uint42_t'; did you mean 'uint32_t'?
                    uint42_t counter;
                    ^""", errorOf("int ok;\nuint42_t counter;"));
    }

    @Test
    void unknownTypeNameInATypeNameOrAsAParameter() {
        assertEquals(
                """
                type:1:1: unknown type name 'size_tt'; did you mean 'size_t'?
                    size_tt
                    ^""",
                assertThrows(CDefException.class, () -> new FFI().typeOf("size_tt"))
                        .getMessage());
        assertEquals("""
                cdef:1:13: unknown type name 'size_tt'; did you mean 'size_t'? (in declaration of 'f')
                    void f(int, size_tt);
                                ^""", errorOf("void f(int, size_tt);"));
    }

    @Test
    void missingSemicolon() {
        assertEquals("""
                cdef:2:1: expected ';' but found 'int' (in declaration of 'x')
                    int y;
                    ^""", errorOf("int x\nint y;"));
    }

    @Test
    void missingSemicolonAfterStruct() {
        assertEquals("""
                cdef:1:29: expected ';' but found end of input (in declaration of 'p')
                    struct point { int x, y; } p
                                                ^""", errorOf("struct point { int x, y; } p"));
    }

    @Test
    void unknownTypeNameFarFromAnyIsNotGivenASuggestion() {
        assertEquals("""
                cdef:1:7: unknown type name 'gizmo_handle' (in declaration of 'f')
                    int f(gizmo_handle h);
                          ^""", errorOf("int f(gizmo_handle h);"));
    }

    @Test
    void unknownTypeNameSuggestsDeclaredTypedefsAndKeywords() {
        assertEquals("""
                cdef:2:14: unknown type name 'widget_t' in 'struct box'; did you mean 'widget_s'? (in declaration of 'struct box')
                    struct box { widget_t *w; };
                                 ^""", errorOf("typedef struct widget widget_s;\nstruct box { widget_t *w; };"));
        assertEquals("""
                cdef:1:7: unknown type name 'unsinged'; did you mean 'unsigned'? (in declaration of 'f')
                    int f(unsinged x);
                          ^""", errorOf("int f(unsinged x);"));
    }

    @Test
    void bodyWithoutItsSemicolon() {
        assertEquals("""
                cdef:2:1: expected ';' after the body of 'struct a' (before 'int')
                    int f(void);
                    ^""", errorOf("struct a { int x; }\nint f(void);"));
        assertEquals("""
                cdef:2:1: expected ';' after the body of 'enum e' (before 'struct')
                    struct b { int y; };
                    ^""", errorOf("enum e { A }\nstruct b { int y; };"));
    }

    @Test
    void badConstant() {
        assertEquals("""
                cdef:1:14: use of undeclared identifier 'N' in a constant expression (in declaration of 'buf')
                    char buf[2 * N];
                                 ^""", errorOf("char buf[2 * N];"));
    }

    @Test
    void divisionByZero() {
        assertEquals("""
                cdef:1:16: division by zero in constant expression (in declaration of 'A')
                    enum e { A = 1 / 0 };
                                   ^""", errorOf("enum e { A = 1 / 0 };"));
    }

    @Test
    void negativeArraySize() {
        assertEquals("""
                cdef:1:7: array size is negative (-1) (in declaration of 'a')
                    int a[-1];
                          ^""", errorOf("int a[-1];"));
    }

    @Test
    void conflictingRedeclaration() {
        FFI ffi = new FFI();
        ffi.cdef("int compress(char *dest, long n);");
        CDefException e = assertThrows(CDefException.class, () -> ffi.cdef("int compress(char *dest, int n);"));
        assertEquals("""
                cdef:1:5: conflicting declaration of 'compress': it was declared as 'int compress(char *, long)' \
                and is now 'int compress(char *, int)' (in declaration of 'compress')
                    int compress(char *dest, int n);
                        ^""", e.getMessage());
    }

    @Test
    void conflictingStructBody() {
        FFI ffi = new FFI();
        ffi.cdef("struct s { int a; };");
        assertEquals(
                """
                cdef:1:8: redefinition of 'struct s' with a different body
                    struct s { long a; };
                           ^""",
                assertThrows(CDefException.class, () -> ffi.cdef("struct s { long a; };"))
                        .getMessage());
    }

    @Test
    void preprocessorDirective() {
        assertEquals("""
                cdef:1:1: cdef does not run the C preprocessor, so '#include' cannot be used: preprocess the header first \
                (gcc -E) and pass its output, or write the declarations out
                    #include <stdio.h>
                    ^""", errorOf("#include <stdio.h>"));
    }

    @Test
    void lineMarkersGiveTheHeaderLocation() {
        CDefException e = assertThrows(
                CDefException.class,
                () -> new FFI()
                        .cdef(
                                "# 1 \"<stdin>\"\n# 40 \"/usr/include/zlib.h\" 3\ntypedef unsigned char Byte;\nByte * x y;\n"));
        assertEquals("/usr/include/zlib.h", e.file());
        assertEquals(41, e.line());
        assertEquals(10, e.column());
        assertEquals("""
                /usr/include/zlib.h:41:10: expected ';' but found 'y' (in declaration of 'x')
                    Byte * x y;
                             ^""", e.getMessage());
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                arguments("#define F(x) ((x) + 1)", "function-like macro 'F' cannot be declared in cdef"),
                arguments("#define S \"text\"", "'#define S' is not an integer constant"),
                arguments("#define E", "'#define E' has no value"),
                arguments("int f(int x) int y;", "expected ';' but found 'int'"),
                arguments("struct s { int a : 40; };", "bitfield 'a'"),
                arguments("typedef int v4 __attribute__((ext_vector_type(4)));", "clang's vector types"),
                arguments(
                        "_Static_assert(sizeof(int) == 8, \"int is 64-bit\");",
                        "static assertion failed: \"int is 64-bit\""),
                arguments("struct a; struct a x[2];", "incomplete"),
                arguments("union a { int x; }; struct a *p;", "wrong kind of tag"),
                arguments("int x[3]; int y[sizeof(struct nope)];", "incomplete"),
                arguments("typedef struct s S; S f(void); int g(S);", null));
    }

    @ParameterizedTest
    @MethodSource("mistakes")
    void messagesSayWhatIsWrong(String source, String expectedFragment) {
        if (expectedFragment == null) {
            new FFI().cdef(source); // declaring functions that take or return an incomplete type is valid C
            return;
        }
        String message = errorOf(source);
        if (!message.contains(expectedFragment)) {
            throw new AssertionError("message does not contain <" + expectedFragment + ">:\n" + message);
        }
    }
}

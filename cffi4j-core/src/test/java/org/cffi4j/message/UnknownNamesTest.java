package org.cffi4j.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.cffi4j.CData;
import org.cffi4j.FFI;
import org.cffi4j.FFIException;
import org.cffi4j.Library;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * A mistyped name of a function, constant, global or member: the error says what is not there and,
 * when a declared name of that kind is one typo away, suggests it.
 */
class UnknownNamesTest {
    private FFI ffi;
    private Library libc;

    /** An interface whose one method has a mistyped name. */
    public interface Strln {
        long strln(String s);
    }

    @BeforeEach
    void declare() {
        ffi = new FFI();
        ffi.cdef("""
                size_t strlen(const char *s);
                int abs(int x);
                extern char **environ;
                extern int optind;
                enum color { RED, GREEN, BLUE };
                #define BUFFER_SIZE 4096
                struct point { int x, y; };
                struct line { struct point from, to; const char *label; };
                struct shape { int kind; union { int radius; int side; }; };
                """);
        libc = ffi.dlopen(null);
    }

    private static String errorOf(Executable e) {
        return assertThrows(FFIException.class, e).getMessage();
    }

    @Test
    void aMistypedFunctionSuggestsTheDeclaredOne() {
        String expected = "no function 'strln' is declared in the cdef; did you mean 'strlen'?";
        assertEquals(expected, errorOf(() -> libc.call("strln", "hello")));
        assertEquals(expected, errorOf(() -> libc.function("strln")));
        assertEquals(expected, errorOf(() -> libc.bind(Strln.class)));
        assertEquals("'strln' is not declared; did you mean 'strlen'?", errorOf(() -> libc.addressOf("strln")));
        // far from every declared function: no suggestion
        assertEquals("no function 'memcpy' is declared in the cdef", errorOf(() -> libc.call("memcpy")));
        // 'optind' is a variable, not a function; 'abs' is not a constant
        assertEquals("no function 'optint' is declared in the cdef", errorOf(() -> libc.call("optint")));
        assertEquals("no integer constant named 'abz' is declared", errorOf(() -> ffi.integerConst("abz")));
        // declared, but not in the library: said so, with no suggestion
        ffi.cdef("size_t strln(const char *s);");
        assertEquals("function 'strln' is not in the C runtime", errorOf(() -> libc.call("strln", "hello")));
    }

    @Test
    void aMistypedConstantSuggestsTheDeclaredOne() {
        assertEquals(
                "no integer constant named 'BUFER_SIZE' is declared; did you mean 'BUFFER_SIZE'?",
                errorOf(() -> ffi.integerConst("BUFER_SIZE")));
        assertEquals(
                "no integer constant named 'GREN' is declared; did you mean 'GREEN'?",
                errorOf(() -> ffi.integerConst("GREN")));
        assertEquals(
                "'BUFER_SIZE' is not declared; did you mean 'BUFFER_SIZE'?", errorOf(() -> libc.get("BUFER_SIZE")));
    }

    @Test
    void aMistypedEnumConstantSuggestsOneOfItsEnum() {
        ffi.cdef("struct paint { enum color c; };");
        CData paint = ffi.alloc("struct paint *");
        assertEquals(
                "'GREN' is not a constant of 'enum color'; did you mean 'GREEN'? (member 'c' of 'struct paint')",
                errorOf(() -> paint.set("c", "GREN")));
    }

    @Test
    void aMistypedGlobalSuggestsTheDeclaredOne() {
        assertEquals("'optint' is not declared; did you mean 'optind'?", errorOf(() -> libc.get("optint")));
        assertEquals("'optint' is not declared; did you mean 'optind'?", errorOf(() -> libc.set("optint", 1)));
        assertEquals("'enviro' is not declared; did you mean 'environ'?", errorOf(() -> libc.addressOf("enviro")));
    }

    @Test
    void aMistypedMemberNamesTheStructAndSuggestsAMember() {
        CData line = ffi.alloc("struct line *");
        assertEquals(
                "'struct line' has no member named 'labl'; did you mean 'label'?", errorOf(() -> line.get("labl")));
        assertEquals(
                "'struct line' has no member named 'fro'; did you mean 'from'?", errorOf(() -> line.set("fro", null)));
        assertEquals(
                "'struct point' has no member named 'xx'; did you mean 'x'? (in 'from.xx')",
                errorOf(() -> line.get("from.xx")));
        assertEquals(
                "'struct point' has no member named 'xx'; did you mean 'x'? (in 'to.xx')",
                errorOf(() -> line.set("to.xx", 1)));
        assertEquals(
                "ffi.addressof('struct line *'): 'struct point' has no member named 'yy'; did you mean 'y'?",
                errorOf(() -> ffi.addressof(line, "from", "yy")));
        assertEquals(
                "offsetof('struct line'): 'struct point' has no member named 'yy'; did you mean 'y'?",
                errorOf(() -> ffi.offsetof("struct line", "to", "yy")));
        assertEquals(
                "'struct point' has no member named 'yy'; did you mean 'y'? (the initialiser of 'struct point *')",
                errorOf(() -> ffi.alloc("struct point *", Map.of("yy", 1))));
        // a one-letter name is no typo of another letter
        assertEquals(
                "'struct point' has no member named 'z'",
                errorOf(() -> ffi.alloc("struct point *").get("z")));
    }

    @Test
    void membersOfAnonymousMembersAreSuggestedToo() {
        CData shape = ffi.alloc("struct shape *");
        assertEquals(
                "'struct shape' has no member named 'radus'; did you mean 'radius'?",
                errorOf(() -> shape.get("radus")));
    }
}

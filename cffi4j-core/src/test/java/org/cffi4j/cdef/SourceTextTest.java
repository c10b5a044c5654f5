package org.cffi4j.cdef;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.cffi4j.CDefException;
import org.cffi4j.FFI;
import org.cffi4j.FFIException;
import org.junit.jupiter.api.Test;

/**
 * The source text as C compilers read it: line ends of every convention, comments spliced by a
 * backslash, control characters never echoed raw into a message, a NUL never silently cutting a
 * symbol name, and numbers in messages as C writes them.
 */
class SourceTextTest {
    private static String errorOf(String source) {
        return assertThrows(CDefException.class, () -> new FFI().cdef(source)).getMessage();
    }

    @Test
    void aNulInsideAnAsmLabelIsAnError() {
        assertEquals("""
                cdef:1:21: asm label "f\\x00x" contains a NUL character, which a symbol name cannot contain\
                 (in declaration of 'f')
                    int f(void) __asm__("f\\0x");
                                        ^""", errorOf("int f(void) __asm__(\"f\\0x\");"));
    }

    @Test
    void controlCharactersAreEscapedInMessages() {
        assertEquals("""
                cdef:1:6: unexpected character '\\x01'
                    int x\\x01;
                         ^""", errorOf("int x\u0001;"));
        // A terminal escape in a string literal, and the caret still under the token after it.
        assertEquals("""
                cdef:1:7: expected ';' but found '"\\x1b[2J\\x07"' (in declaration of 'x')
                    int x "\\x1b[2J\\x07";
                          ^""", errorOf("int x \"\u001b[2J\u0007\";"));
        assertEquals("""
                cdef:1:1: static assertion failed: "bell\\x07"
                    _Static_assert(0, "bell\\x07");
                    ^""", errorOf("_Static_assert(0, \"bell\u0007\");"));
    }

    @Test
    void carriageReturnsEndLinesAsNewlinesDo() {
        String expected = """
                cdef:3:1: expected ';' but found 'int' (in declaration of 'b')
                    int c;
                    ^""";
        assertEquals(expected, errorOf("int a;\rint b\rint c;"), "CR alone");
        assertEquals(expected, errorOf("int a;\r\nint b\r\nint c;"), "CR LF");
        assertEquals(expected, errorOf("int a;\nint b\r\nint c;"), "mixed");
        FFI ffi = new FFI();
        ffi.cdef("#define A 1\r#define B 2\r// a comment\rint x[A + B];\r");
        assertEquals(12, ffi.sizeof(ffi.typeOf("__typeof__(x)").toString()));
    }

    @Test
    void aLineCommentEndingInABackslashGoesOnToTheNextLine() {
        for (String eol : new String[] {"\n", "\r\n", "\r"}) {
            FFI ffi = new FFI();
            ffi.cdef("// spliced \\" + eol + "int hidden;" + eol + "int shown;" + eol);
            assertThrows(FFIException.class, () -> ffi.typeOf("__typeof__(hidden)"), "the comment's second line");
            assertEquals("int", ffi.typeOf("__typeof__(shown)").toString());
        }
    }

    @Test
    void badBitfieldWidthsAndAlignmentsPrintTheirValueAsC() {
        assertEquals("""
                cdef:1:20: bitfield 'x' has a negative width (-1) (in declaration of 'struct s')
                    struct s { int x : -1; };
                                       ^""", errorOf("struct s { int x : -1; };"));
        assertEquals("""
                cdef:1:20: bitfield 'x' width is not an integer constant (in declaration of 'struct s')
                    struct s { int x : 1.0; };
                                       ^""", errorOf("struct s { int x : 1.0; };"));
        assertEquals("""
                cdef:1:22: requested alignment -8 is not a positive power of 2 (in declaration of 'x')
                    int x __attribute__((aligned(-8)));
                                         ^""", errorOf("int x __attribute__((aligned(-8)));"));
        assertEquals("""
                cdef:1:22: requested alignment is not an integer constant (in declaration of 'x')
                    int x __attribute__((aligned(8.0)));
                                         ^""", errorOf("int x __attribute__((aligned(8.0)));"));
    }
}

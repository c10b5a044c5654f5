package org.cffi4j.cdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.cffi4j.CData;
import org.cffi4j.FFI;
import org.cffi4j.FFIException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A positional initialiser (a List) of a struct or union with anonymous struct and union members
 * fills them in order, as C's braces do: with a List of their own, or with the next items one by
 * one (brace elision). The oracle is the bytes gcc gives the same initialisers.
 */
class AnonymousMemberInitialisersTest {
    private static final String DECLARATIONS = """
            struct anon { int a; struct { int b; short c; }; union { int d; float e; }; int f; };
            union shared { struct { short lo, hi; }; int whole; };
            struct nested { char tag; union { struct { char x, y; }; short xy; }; char last; };
            """;
    private static FFI ffi;
    private static String[] gcc;

    @BeforeAll
    static void declare() {
        ffi = new FFI();
        ffi.cdef(DECLARATIONS);
        gcc = CBytes.of(
                DECLARATIONS + """
                        struct anon braced = { 1, { 2, 3 }, { 4 }, 5 };
                        struct anon elided = { 1, 2, 3, 4, 5 };
                        struct anon partly = { 1, 2 };
                        union shared u = { 7, -1 };
                        struct nested n = { 'n', 'x', 'y', 'l' };
                        """,
                "braced:sizeof(struct anon)",
                "elided:sizeof(struct anon)",
                "partly:sizeof(struct anon)",
                "u:sizeof(union shared)",
                "n:sizeof(struct nested)");
    }

    private static String bytes(String type, Object init) {
        return CBytes.hex(ffi.buffer(ffi.alloc(type, init)));
    }

    @Test
    void anAnonymousMemberTakesAListOfItsOwn() {
        assertEquals(gcc[0], bytes("struct anon *", List.of(1, List.of(2, 3), List.of(4), 5)));
    }

    @Test
    void orTheNextItemsOneByOne() {
        assertEquals(gcc[1], bytes("struct anon *", List.of(1, 2, 3, 4, 5)));
        assertEquals(gcc[2], bytes("struct anon *", List.of(1, 2)));
    }

    @Test
    void aUnionWhoseFirstMemberIsAnonymous() {
        assertEquals(gcc[3], bytes("union shared *", List.of(7, -1)));
    }

    @Test
    void anonymousMembersNestedInAnonymousMembers() {
        assertEquals(gcc[4], bytes("struct nested *", List.of((byte) 'n', (byte) 'x', (byte) 'y', (byte) 'l')));
        CData n = ffi.alloc("struct nested *", List.of(1, List.of(List.of(2, 3)), 4));
        assertEquals((byte) 3, n.get("y"));
        assertEquals((byte) 4, n.get("last"));
    }

    @Test
    void tooManyItemsNameTheStruct() {
        assertEquals(
                "too many initialisers for 'struct anon': 6 given, only the first 5 fill its members (an anonymous"
                        + " struct or union member takes a List of its own, or the next items one by one) (the"
                        + " initialiser of 'struct anon *')",
                assertThrows(FFIException.class, () -> ffi.alloc("struct anon *", List.of(1, 2, 3, 4, 5, 6)))
                        .getMessage());
        assertEquals(
                "too many initialisers for 'struct anon': 5 given, only the first 4 fill its members (an anonymous"
                        + " struct or union member takes a List of its own, or the next items one by one) (the"
                        + " initialiser of 'struct anon *')",
                assertThrows(
                                FFIException.class,
                                () -> ffi.alloc("struct anon *", List.of(1, List.of(2, 3), List.of(4), 5, 6)))
                        .getMessage());
        assertEquals(
                "too many initialisers for 'struct $1': 3 given, 2 members (an anonymous member of 'struct" + " anon')",
                assertThrows(FFIException.class, () -> ffi.alloc("struct anon *", List.of(1, List.of(2, 3, 4))))
                        .getMessage());
    }
}

package org.cffi4j.apimode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.cffi4j.CData;
import org.cffi4j.CompilationException;
import org.cffi4j.FFI;
import org.cffi4j.Library;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The C that API mode generates checks and wraps each function through the cdef's own spelling of
 * its types, so that the C compiler sees every qualifier the real declaration has: one carried by
 * a typedef ({@code volatile}, as glibc's {@code pthread_spinlock_t}), {@code const} on the items of
 * a typedef'd array ({@code const uuid_t *}), {@code restrict} below the top level ({@code char
 * *restrict *restrict}). The functions are static in the source, so Java calls them through their
 * wrappers, which are spelled the same way. The source's macros cannot change the parameters'
 * names, which the generated C does not use.
 */
class QualifiersInChecksTest {
    private static final String CDEF = """
            typedef volatile int spin_t;
            typedef unsigned char id16_t[16];
            int spin_value(spin_t *lock);
            int first_byte(const id16_t *id);
            int first_of(const id16_t id);
            int count_args(char *restrict *restrict argv);
            int twice(int value);
            int sum_of(int n, int items[...]);
            """;

    private static final String SOURCE = """
            typedef volatile int spin_t;
            typedef unsigned char id16_t[16];
            static int spin_value(spin_t *lock) { return *lock + 1; }
            static int first_byte(const id16_t *id) { return (*id)[0]; }
            static int first_of(const id16_t id) { return id[1]; }
            static int count_args(char *restrict *restrict argv) { int n = 0; while (argv[n]) n++; return n; }
            static int twice(int x) { return 2 * x; }
            static int sum_of(int n, int items[]) { int s = 0; for (int i = 0; i < n; i++) s += items[i]; return s; }
            #define value )
            #define lock (
            """;

    private static FFI ffi;
    private static Library lib;

    @BeforeAll
    static void compile() {
        TestCache.install();
        ffi = new FFI();
        ffi.cdef(CDEF);
        ffi.setSource("_qualifiers_in_checks", SOURCE);
        lib = ffi.compile();
    }

    @Test
    void aVolatileTypedefIsKept() {
        CData lock = ffi.alloc("spin_t *", 41);
        assertEquals(42, lib.call("spin_value", lock));
    }

    @Test
    void constOnTheItemsOfATypedefdArrayIsKept() {
        CData id = ffi.alloc("id16_t *");
        CData bytes = (CData) id.deref();
        bytes.set(0, 7);
        bytes.set(1, 9);
        assertEquals(7, lib.call("first_byte", id));
        assertEquals(9, lib.call("first_of", bytes));
    }

    @Test
    void restrictBelowTheTopLevelIsKept() {
        CData argv = ffi.alloc("char *[4]", List.of(ffi.alloc("char[]", "a"), ffi.alloc("char[]", "b"), FFI.NULL));
        assertEquals(2, lib.call("count_args", argv));
    }

    @Test
    void theSourcesMacrosDoNotReachTheParametersNames() {
        assertEquals(42, lib.call("twice", 21));
        assertEquals(6, lib.call("sum_of", 3, new int[] {1, 2, 3}));
    }

    @Test
    void aTypedefOnlyTheCdefDeclaresServesItsFunctions() {
        FFI own = new FFI();
        own.cdef("typedef int op_t(int);\nop_t triple;\ntypedef struct counter counter_t;\ncounter_t *make(int);\n"
                + "int value(counter_t *c);");
        own.setSource("_cdef_only_typedefs", """
                struct counter { int n; };
                static int triple(int x) { return 3 * x; }
                static struct counter the_counter;
                static struct counter *make(int n) { the_counter.n = n; return &the_counter; }
                static int value(struct counter *c) { return c->n; }
                """);
        Library l = own.compile();

        assertEquals(12, l.call("triple", 4));
        assertEquals(5, l.call("value", l.call("make", 5)));
    }

    @Test
    void aTypedefThatTheSourceDeclaresOtherwiseIsAnError() {
        FFI wrong = new FFI();
        wrong.cdef("typedef int count_t;");
        wrong.setSource("_typedef_otherwise", "typedef long count_t;");

        CompilationException e = assertThrows(CompilationException.class, wrong::compile);

        String[] lines = e.getMessage().split("\n");
        assertEquals("API mode: the C compiler rejected module '_typedef_otherwise':", lines[0]);
        assertEquals(
                "cdef:1:13: 'count_t' is declared 'typedef int count_t' in the cdef, but the C source declares it"
                        + " otherwise:",
                lines[1]);
        assertTrue(lines[2].contains("conflicting types for 'count_t'"), e.getMessage());
    }
}

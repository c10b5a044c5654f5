package org.cffi4j.apimode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.cffi4j.FFI;
import org.cffi4j.Library;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * API mode takes what the parser now reads, and the compiler's facts agree with cffi4j's: structs
 * holding GNU vectors (laid out by their {@code __alignof__}, which C11's {@code _Alignof} caps at
 * 16), aligned typedefs of structs, qualifiers carried by typedefs and {@code restrict} below the
 * top level (which the generated C must spell for gcc to accept the declarations).
 */
class NewDeclarationsApiTest {
    private static final String SOURCE = """
            typedef float v8sf __attribute__((vector_size(32)));
            struct holder { char c; v8sf v; int tail; };
            struct q16 { long a, b; };
            typedef struct q16 t32 __attribute__((aligned(32)));
            struct uses { char a; t32 x; };
            typedef volatile int spin_t;
            typedef unsigned char uuid_t[16];
            static int lock(spin_t *l) { return *l + 1; }
            static int first(const uuid_t *u) { return (*u)[0]; }
            static int count(char *restrict *restrict argv) { int n = 0; while (argv[n]) n++; return n; }
            """;

    @BeforeAll
    static void cache() {
        TestCache.install();
    }

    @Test
    void theCompilerAgreesAndTheFunctionsAreCallable() {
        FFI ffi = new FFI();
        ffi.cdef("""
                typedef float v8sf __attribute__((vector_size(32)));
                struct holder { char c; v8sf v; int tail; };
                struct q16 { long a, b; };
                typedef struct q16 t32 __attribute__((aligned(32)));
                struct uses { char a; t32 x; };
                typedef volatile int spin_t;
                typedef unsigned char uuid_t[16];
                int lock(spin_t *l);
                int first(const uuid_t *u);
                int count(char *restrict *restrict argv);
                """);
        long holder = ffi.sizeof("struct holder");
        ffi.setSource("_new_declarations", SOURCE);

        Library lib = ffi.compile(); // compares sizes, alignments and offsets with the compiler's

        assertEquals(96, holder);
        assertEquals(96, ffi.sizeof("struct holder"));
        assertEquals(64, ffi.sizeof("struct uses"));
        assertEquals(8, lib.call("lock", ffi.alloc("spin_t *", 7)));
        assertEquals(9, lib.call("first", ffi.alloc("uuid_t *", new byte[] {9})));
        assertEquals(
                2,
                lib.call(
                        "count",
                        ffi.alloc(
                                "char *[3]",
                                java.util.List.of(ffi.alloc("char[]", "a"), ffi.alloc("char[]", "b"), FFI.NULL))));
    }
}

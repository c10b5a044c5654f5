package org.cffi4j.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.cffi4j.CDefException;
import org.cffi4j.CdefOptions;
import org.cffi4j.FFI;
import org.cffi4j.FFIException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A cdef that fails after declaring things (new types, a completed forward declaration, constants,
 * functions, a typedef naming an older anonymous type) leaves the FFI answering exactly as before.
 */
class CdefRollbackTest {
    private static final String BEFORE = """
            struct fwd;
            typedef struct fwd fwd_t;
            enum later;
            struct done { int a; char b; };
            struct { int y; } anon_var;
            enum fixed { FIXED_A = 1, FIXED_B };
            #define BASE_LIMIT 10
            int base_function(int, fwd_t *);
            """;

    // Declares and completes things, then fails at its very end.
    private static final String FAILING = """
            struct fwd { int x; double y; fwd_t *self; };
            enum later { LATER_A, LATER_B = 4 };
            typedef struct fwd *fwd_ptr;
            struct brand_new { char c; };
            typedef __typeof__(anon_var) anon_named_t;
            enum fresh { FRESH_A = 7 };
            #define NEW_LIMIT 99
            int new_function(void);
            extern double new_variable;
            _Static_assert(sizeof(struct fwd) == 1, "fails here, after all of the above");
            """;

    private static FFI before() {
        FFI ffi = new FFI();
        ffi.cdef(BEFORE);
        return ffi;
    }

    @Test
    void aFailedCdefLeavesEveryAnswerAsItWas() {
        FFI ffi = before();
        FFI twin = before();
        List<String> names = FfiAnswers.identifiers(BEFORE + FAILING, 100);

        CDefException e = assertThrows(CDefException.class, () -> ffi.cdef(FAILING));
        assertTrue(e.getMessage().startsWith("cdef:10:1: static assertion failed"), e.getMessage());

        assertEquals(FfiAnswers.aboutTypes(twin), FfiAnswers.aboutTypes(ffi));
        for (String name : names) {
            assertEquals(FfiAnswers.aboutName(twin, name), FfiAnswers.aboutName(ffi, name), name);
        }
    }

    @Test
    void theForwardDeclarationsStayIncompleteAndTheNewNamesUnknown() {
        FFI ffi = before();
        List<String> types = ffi.listTypes();
        assertThrows(CDefException.class, () -> ffi.cdef(FAILING));

        assertEquals(types, ffi.listTypes());
        assertFalse(ffi.listTypes().contains("struct brand_new"));
        assertThrows(FFIException.class, () -> ffi.sizeof("struct fwd"), "struct fwd is still incomplete");
        assertThrows(FFIException.class, () -> ffi.sizeof("fwd_t"));
        assertThrows(FFIException.class, () -> ffi.sizeof("enum later"));
        assertThrows(CDefException.class, () -> ffi.typeOf("fwd_ptr"));
        assertThrows(FFIException.class, () -> ffi.integerConst("FRESH_A"));
        assertThrows(FFIException.class, () -> ffi.integerConst("LATER_B"));
        assertThrows(FFIException.class, () -> ffi.integerConst("NEW_LIMIT"));
        assertEquals("struct $1", ffi.typeOf("__typeof__(anon_var)").toString(), "the typedef's naming is undone");
        assertEquals(10, ffi.integerConst("BASE_LIMIT"));
    }

    @Test
    void theFfiCanStillDeclareWhatTheFailedCdefHadDeclared() {
        FFI ffi = before();
        assertThrows(CDefException.class, () -> ffi.cdef(FAILING));

        // Differently from the failed cdef: nothing of it is left to conflict with.
        ffi.cdef("""
                struct fwd { char only; };
                enum later { LATER_A = 100 };
                typedef int fwd_ptr;
                int new_function(long);
                #define NEW_LIMIT 1
                """);
        assertEquals(1, ffi.sizeof("struct fwd"));
        assertEquals(100, ffi.integerConst("LATER_A"));
        assertEquals(4, ffi.sizeof("fwd_ptr"));
        assertEquals(1, ffi.integerConst("NEW_LIMIT"));
    }

    /** Errors at each stage of a completing body: in the middle, in the layout, after the body. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "struct fwd { int x; unknown_t y; };",
                "struct fwd { int x; int x; };",
                "struct fwd { int bits : 99; };",
                "struct fwd { int x; } __attribute__((aligned(3)));",
                "struct fwd { int x; }; enum later { L = 1 / 0 };",
                "enum later { L1, L2 = L1 + }; struct fwd { int x; };",
                "struct fwd { struct fwd_inner { int i; } in; int x; }; int int;",
            })
    void aCompletionFailingAnywhereIsUndone(String failing) {
        FFI ffi = before();
        FFI twin = before();
        assertThrows(CDefException.class, () -> ffi.cdef(failing));
        assertEquals(FfiAnswers.aboutTypes(twin), FfiAnswers.aboutTypes(ffi));
        assertThrows(FFIException.class, () -> ffi.sizeof("struct fwd"));
        assertThrows(FFIException.class, () -> ffi.sizeof("enum later"));
    }

    @Test
    void aFailedOverridingCdefKeepsTheOldDefinitions() {
        FFI ffi = before();
        long done = ffi.sizeof("struct done");
        assertThrows(CDefException.class, () -> ffi.cdef("""
                struct done { double replaced[4]; };
                enum fixed { FIXED_A = 40 };
                #define BASE_LIMIT 20
                int int;
                """, CdefOptions.override()));
        assertEquals(done, ffi.sizeof("struct done"));
        assertEquals(1, ffi.integerConst("FIXED_A"));
        assertEquals(10, ffi.integerConst("BASE_LIMIT"));
    }
}

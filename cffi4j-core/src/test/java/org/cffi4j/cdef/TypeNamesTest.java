package org.cffi4j.cdef;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.IntUnaryOperator;
import org.cffi4j.CData;
import org.cffi4j.CDefException;
import org.cffi4j.FFI;
import org.cffi4j.ctype.CType;
import org.cffi4j.ctype.PointerType;
import org.cffi4j.ctype.StructType;
import org.cffi4j.testing.GccProbe;
import org.junit.jupiter.api.Test;

/**
 * Type names as C and CFFI take them: every qualifier kept where C keeps it (gcc checks that the
 * printed type is the very type written), names in a type name's declarator ignored, and a tag
 * that no cdef declared the same type each time it is named.
 */
class TypeNamesTest {
    private static final String DECLARATIONS = """
            typedef volatile int spin_t;
            typedef unsigned char uuid_t[16];
            typedef const uuid_t const_uuid_t;
            typedef char *restrict *restrict argv_t;
            typedef const volatile spin_t *cv_t;
            typedef const char *const names_t[4];
            struct timing { spin_t lock; const uuid_t ids[2]; };
            """;

    // Each type name (written with the declarations' typedefs), which cffi4j prints without them.
    private static final List<String> TYPE_NAMES = List.of(
            "spin_t *",
            "const uuid_t *",
            "const_uuid_t *",
            "uuid_t *",
            "char *restrict *restrict",
            "argv_t *",
            "cv_t",
            "cv_t *",
            "names_t *",
            "const names_t *",
            "int (*)(spin_t *, const uuid_t *)",
            "struct timing *",
            "volatile uuid_t *[3]");

    @Test
    void everyQualifierIsKeptAsGccKeepsIt() {
        FFI ffi = new FFI();
        ffi.cdef(DECLARATIONS);
        StringBuilder program = new StringBuilder(DECLARATIONS).append("#include <stdio.h>\nint main(void) {\n");
        for (String name : TYPE_NAMES) {
            String printed = ffi.typeOf(name).toString();
            program.append("  printf(\"%d %s\\n\", __builtin_types_compatible_p(")
                    .append(printed)
                    .append(", ")
                    .append(name)
                    .append("), \"")
                    .append(printed)
                    .append(" for ")
                    .append(name)
                    .append("\");\n");
        }
        String out = GccProbe.compileAndRun(program.append("  return 0;\n}\n").toString());
        List<String> differing = out.lines().filter(l -> !l.startsWith("1 ")).toList();
        assertEquals(List.of(), differing, "types cffi4j prints differently from the ones written");
        assertEquals(TYPE_NAMES.size(), out.lines().count());
    }

    @Test
    void qualifiersPrintWhereCWritesThem() {
        FFI ffi = new FFI();
        ffi.cdef(DECLARATIONS);
        assertEquals("volatile int *", ffi.typeOf("spin_t *").toString());
        assertEquals("const unsigned char(*)[16]", ffi.typeOf("const uuid_t *").toString());
        assertEquals("char *restrict *", ffi.typeOf("char *restrict *restrict").toString());
        assertEquals(
                "typedef volatile int spin_t",
                "typedef " + "volatile " + ffi.typeOf("spin_t").declare("spin_t"));
    }

    @Test
    void restrictBelowTheTopIsPartOfTheTypeAsInGcc() {
        CDefException e =
                assertThrows(CDefException.class, () -> new FFI().cdef("void f(char **p); void f(char *restrict *p);"));
        assertTrue(
                e.getMessage()
                        .startsWith("cdef:1:24: conflicting declaration of 'f': it was declared as"
                                + " 'void f(char **)' and is now 'void f(char *restrict *)'"),
                e.getMessage());
        new FFI().cdef("void g(char *restrict p); void g(char *p);"); // at the top, C ignores it
    }

    @Test
    void aTypeNameMayNameWhatItDeclaresAsInCffi() {
        FFI ffi = new FFI();
        assertEquals(ffi.typeOf("void(void)"), ffi.typeOf("void foo()"));
        assertEquals(ffi.typeOf("int(*)(_Bool)"), ffi.typeOf("int(*callback)(bool x)"));
        CData cb = ffi.callback("int(*callback)(int x)", (IntUnaryOperator) x -> x + 1);
        assertEquals(42, cb.call(41));
    }

    @Test
    void anUndeclaredTagIsOneTypeAndALaterCdefCompletesIt() {
        FFI ffi = new FFI();
        CType first = ffi.typeOf("struct later *");
        CType second = ffi.typeOf("struct later*");
        assertEquals(first, second);
        assertSame(((PointerType) first).target(), ffi.typeOf("struct later"));
        assertEquals("union later *", ffi.typeOf("union later *").toString(), "not declared: any kind may be named");
        assertEquals(List.of(), ffi.listTypes(), "asking about a type declares nothing");

        ffi.cdef("struct later { int x; };");
        StructType later = (StructType) ((PointerType) first).target();
        assertEquals(StructType.State.COMPLETE, later.state(), "the type the earlier type name gave is completed");
        assertSame(later, ffi.typeOf("struct later"));
        assertEquals(4, ffi.sizeof("struct later"));
    }
}

package org.cffi4j.apimode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.cffi4j.CData;
import org.cffi4j.FFI;
import org.cffi4j.Library;
import org.cffi4j.testing.GccProbe;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * CFFI's {@code [...]}: array lengths the C compiler fills in, at any depth, for struct members,
 * globals and typedefs (and the declarations that use those typedefs). The oracle is gcc: a probe
 * compiled with the same source prints every length and offset. A write to the last item of a
 * {@code [...]} member lands in that member, not in the next one.
 */
class OpenLengthsTest {
    private static final String SOURCE = """
            struct shape { int a[3]; int m[2][5]; int k[10][4]; int after; };
            typedef int row_t[7];
            typedef double grid_t[2][3];
            int table[4][6];
            int open_rows[5][2];
            static int sum(row_t *r) { int s = 0; for (int i = 0; i < 7; i++) s += (*r)[i]; return s; }
            """;

    private static FFI ffi;
    private static Library lib;

    @BeforeAll
    static void compile() {
        TestCache.install();
        ffi = new FFI();
        ffi.cdef("""
                struct shape { int a[...]; int m[...][...]; int k[10][...]; int after; ...; };
                typedef int row_t[...];
                typedef double grid_t[...][...];
                extern int table[...][...];
                extern int open_rows[][...];
                int sum(row_t *r);
                """);
        ffi.setSource("_open_lengths", SOURCE);
        lib = ffi.compile();
    }

    private static long gcc(String expression) {
        return Long.parseLong(GccProbe.compileAndRun("#include <stdio.h>\n#include <stddef.h>\n" + SOURCE
                        + "int main(void) { printf(\"%ld\\n\", (long) (" + expression + ")); return 0; }")
                .strip());
    }

    @Test
    void membersGetTheirLengthsAtEveryDepth() {
        CData s = ffi.alloc("struct shape *");
        assertEquals(gcc("sizeof(((struct shape *) 0)->a) / sizeof(int)"), ((CData) s.get("a")).length());
        assertEquals("int[2][5]", ((CData) s.get("m")).ctype().toString());
        assertEquals("int[10][4]", ((CData) s.get("k")).ctype().toString());
        assertEquals(gcc("offsetof(struct shape, after)"), ffi.offsetof("struct shape", "after"));
        assertEquals(gcc("sizeof(struct shape)"), ffi.sizeof("struct shape"));
    }

    @Test
    void aWriteToTheLastItemOfAMemberStaysInIt() {
        CData s = ffi.alloc("struct shape *");
        CData a = (CData) s.get("a");
        a.set(a.length() - 1, -1);
        ((CData) ((CData) s.get("m")).get(1)).set(4, -2);

        assertEquals(0, ((CData) ((CData) s.get("m")).get(0)).get(0)); // the next member is untouched
        assertEquals(0, s.get("after"));
    }

    @Test
    void globalsGetTheirLengths() {
        assertEquals("int[4][6]", ((CData) lib.get("table")).ctype().toString());
        assertEquals(gcc("sizeof(table)"), ffi.sizeof((CData) lib.get("table")));
        assertEquals("int(*)[][2]", ((CData) lib.addressOf("open_rows")).ctype().toString());
    }

    @Test
    void typedefsGetTheirLengthsAndSoDoTheirUses() {
        assertEquals(gcc("sizeof(row_t)"), ffi.sizeof("row_t"));
        assertEquals(gcc("sizeof(grid_t)"), ffi.sizeof("grid_t"));
        assertEquals("double[2][3]", ffi.typeOf("grid_t").toString());
        assertEquals("int(*)[7]", ffi.typeOf("row_t *").toString());

        CData r = ffi.alloc("row_t *", List.of(1, 2, 3, 4, 5, 6, 7));
        assertEquals(28, lib.call("sum", r));
        assertNotEquals(0L, ((CData) lib.addressOf("sum")).address()); // a static function of the source
    }
}

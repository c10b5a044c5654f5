package org.cffi4j.cdata;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.cffi4j.CData;
import org.cffi4j.FFI;
import org.cffi4j.testing.GccProbe;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code offsetof} and {@code addressof} paths whose first step indexes through a pointer, as
 * CFFI's {@code ffi.offsetof("int *", 51)} and C's {@code &p[5]}; gcc computes the same offsets.
 */
class PointerPathsTest {
    private static final String DECLARATIONS = "struct point { int x, y; }; struct line { struct point a, b; };";
    private static FFI ffi;
    private static String[] gcc;

    @BeforeAll
    static void declare() {
        ffi = new FFI();
        ffi.cdef(DECLARATIONS);
        gcc = GccProbe.compileAndRun("#include <stdio.h>\n" + DECLARATIONS + """
                        int main(void) {
                            int *p = 0; struct line *l = 0;
                            printf("%ld %ld %ld\\n", (long) ((char *) &p[51] - (char *) p),
                                   (long) ((char *) &l[3] - (char *) l), (long) ((char *) &l[3].b.y - (char *) l));
                            return 0;
                        }
                        """)
                .trim()
                .split(" ");
    }

    @Test
    void offsetofIndexesThroughAPointer() {
        assertEquals(Long.parseLong(gcc[0]), ffi.offsetof("int *", "51"));
        assertEquals(Long.parseLong(gcc[1]), ffi.offsetof("struct line *", "3"));
        assertEquals(Long.parseLong(gcc[2]), ffi.offsetof("struct line *", "3", "b", "y"));
        assertEquals(4, ffi.offsetof("struct point *", "y")); // a name still reaches the pointed-to member
    }

    @Test
    void addressofIndexesThroughAPointer() {
        CData block = ffi.alloc("int[10]");
        CData p = ffi.cast("int *", block);
        CData fifth = ffi.addressof(p, "5");
        assertEquals("int *", fifth.ctype().toString());
        assertEquals(block.address() + Long.parseLong(gcc[0]) / 51 * 5, fifth.address());
        fifth.set(0, 42);
        assertEquals(42, block.get(5));

        CData lines = ffi.cast("struct line *", ffi.alloc("struct line[4]"));
        assertEquals(
                lines.address() + Long.parseLong(gcc[2]),
                ffi.addressof(lines, "3", "b", "y").address());
    }
}

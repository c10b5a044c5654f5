package org.cffi4j.cdef;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.cffi4j.CDefException;
import org.cffi4j.FFI;
import org.cffi4j.testing.GccProbe;
import org.cffi4j.testing.LayoutProbe;
import org.junit.jupiter.api.Test;

/**
 * {@code __attribute__((aligned(N)))} on a typedef of a struct, as the Linux virtio headers write
 * {@code typedef struct vring_desc vring_desc_t __attribute__((aligned(16)));}: the typedef names
 * the same struct with alignment N, greater or smaller, and the same size; gcc is the oracle of
 * its size, alignment and place in other structs, and of the arrays it refuses.
 */
class AlignedTypedefTest {
    private static final String DECLARATIONS = """
            struct vring_desc { unsigned long long addr; unsigned len; unsigned short flags, next; };
            typedef struct vring_desc vring_desc_t __attribute__((aligned(16)));
            struct q { char c[3]; };
            typedef struct q t8 __attribute__((aligned(8)));
            struct q16 { long a, b; };
            typedef struct q16 t4 __attribute__((aligned(4)));
            typedef struct q16 t32 __attribute__((aligned(32)));
            typedef struct { int a; } anon16 __attribute__((aligned(16)));
            struct u1 { char a; t8 x; };
            struct u2 { char a; t4 x; };
            struct u3 { char a; t32 x; char z; };
            struct u4 { char a; vring_desc_t d[2]; };
            struct __attribute__((packed)) u5 { char a; t32 x; };
            union u6 { char a; t8 x; };
            """;

    @Test
    void sizesAlignmentsAndPlacesAreGccs() {
        FFI ffi = new FFI();
        ffi.cdef(DECLARATIONS);
        LayoutProbe probe = new LayoutProbe(ffi);
        for (String t : List.of(
                "vring_desc_t",
                "t8",
                "t4",
                "t32",
                "anon16",
                "struct u1",
                "struct u2",
                "struct u3",
                "struct u4",
                "struct u5",
                "union u6",
                "vring_desc_t[3]",
                "t32 *")) {
            assertEquals(true, probe.addType(t), t);
        }
        Map<String, Long> gcc = LayoutProbe.parseOutput(GccProbe.compileAndRun(probe.program(DECLARATIONS)));
        assertEquals(List.of(), probe.differences(gcc));
        assertEquals(probe.expected().size(), gcc.size());
    }

    @Test
    void theTypedefIsTheSameStructType() {
        FFI ffi = new FFI();
        ffi.cdef(DECLARATIONS + "void use(struct q16 *p);");
        assertEquals(ffi.typeOf("struct q16"), ffi.typeOf("t32"), "one struct type, as in C");
        assertEquals("t32", ffi.typeOf("t32").toString());
        assertEquals(8, ffi.offsetof("t32", "b"));
        ffi.dlopen(null); // a t32 * is a struct q16 *: passing one where the other goes is no error
        org.cffi4j.CData p = ffi.alloc("t32 *");
        p.set("b", 7L);
        assertEquals(7L, p.get("b"));
    }

    @Test
    void arraysGccRefusesAreRefused() {
        assertEquals("""
                cdef:15:5: alignment of array elements is greater than element size ('t8': size 3, alignment 8)\
                 (in declaration of 'a')
                    t8 a[2];
                        ^""", errorOf(DECLARATIONS + "t8 a[2];"));
        assertEquals(
                """
                cdef:2:4: size of array element is not a multiple of its alignment ('t': size 12, alignment 8)\
                 (in declaration of 'a')
                    t a[2];
                       ^""", errorOf("struct r { char c[12]; }; typedef struct r t __attribute__((aligned(8)));\nt a[2];"));
    }

    private static String errorOf(String source) {
        return assertThrows(CDefException.class, () -> new FFI().cdef(source)).getMessage();
    }
}

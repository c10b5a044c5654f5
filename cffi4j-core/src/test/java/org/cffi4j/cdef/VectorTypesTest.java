package org.cffi4j.cdef;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.foreign.MemoryLayout;
import java.util.List;
import java.util.Map;
import org.cffi4j.CDefException;
import org.cffi4j.FFI;
import org.cffi4j.FFIException;
import org.cffi4j.Library;
import org.cffi4j.testing.GccProbe;
import org.cffi4j.testing.LayoutProbe;
import org.junit.jupiter.api.Test;

/**
 * GNU vector types ({@code __attribute__((vector_size(N)))}, as {@code <xmmintrin.h>} declares
 * {@code __m128}): sizes, alignments and their places in structs, packed or not, as gcc computes
 * them; gcc's errors for vectors it refuses; and a clear refusal to pass one to C by value.
 */
class VectorTypesTest {
    private static final String DECLARATIONS = """
            typedef int v4si __attribute__((vector_size(16)));
            typedef float __m128 __attribute__((__vector_size__(16), __may_alias__));
            typedef float v8sf __attribute__((vector_size(32)));
            typedef char v2qi __attribute__((vector_size(2)));
            typedef double v8df __attribute__((vector_size(64)));
            typedef short v4hi __attribute__((vector_size(8)));
            typedef long double v2ld __attribute__((vector_size(32)));
            typedef unsigned long long __attribute__((vector_size(16))) v2du;
            struct s1 { char c; v4si v; };
            struct __attribute__((packed)) s2 { char c; v4si v; short after; };
            struct s3 { char c; v8sf v; int tail; };
            struct s4 { char c; int __attribute__((vector_size(16))) v; };
            struct s5 { char c; v2qi v; };
            #pragma pack(4)
            struct s6 { char c; v4si v; };
            #pragma pack()
            struct s7 { char c; __m128 m[2]; v8df d; };
            union u1 { v4hi h; char c; };
            """;

    @Test
    void sizesAlignmentsAndStructLayoutsAreGccs() {
        FFI ffi = new FFI();
        ffi.cdef(DECLARATIONS);
        LayoutProbe probe = new LayoutProbe(ffi).withGnuAlignof();
        for (String t : List.of(
                "v4si",
                "__m128",
                "v8sf",
                "v2qi",
                "v8df",
                "v4hi",
                "v2ld",
                "v2du",
                "struct s1",
                "struct s2",
                "struct s3",
                "struct s4",
                "struct s5",
                "struct s6",
                "struct s7",
                "union u1")) {
            assertEquals(true, probe.addType(t), t);
        }
        // gcc lays a vector out by its __alignof__ (its size); C11's _Alignof reports at most 16.
        Map<String, Long> gcc = LayoutProbe.parseOutput(GccProbe.compileAndRun(probe.program(DECLARATIONS)));
        assertEquals(List.of(), probe.differences(gcc));
        assertEquals(probe.expected().size(), gcc.size());
    }

    @Test
    void aVectorPrintsAsGccSpellsItAndHasAnInMemoryLayout() {
        FFI ffi = new FFI();
        ffi.cdef(DECLARATIONS);
        assertEquals(
                "int __attribute__((vector_size(16))) *", ffi.typeOf("v4si *").toString());
        assertEquals(
                "float __attribute__((vector_size(16))) m[2]",
                ffi.typeOf("__m128[2]").declare("m"));
        MemoryLayout l = ffi.layout("struct s1");
        assertEquals(32, l.byteSize());
        assertEquals(16, l.select(MemoryLayout.PathElement.groupElement("v")).byteAlignment());
    }

    @Test
    void vectorsGccRefusesAreRefusedWithItsWords() {
        assertEquals("""
                cdef:1:30: number of vector components 3 not a power of two (in declaration of 'v')
                    typedef int v __attribute__((vector_size(12)));
                                                 ^""", errorOf("typedef int v __attribute__((vector_size(12)));"));
        assertEquals("""
                cdef:1:30: vector size not an integral multiple of component size (in declaration of 'v')
                    typedef int v __attribute__((vector_size(6)));
                                                 ^""", errorOf("typedef int v __attribute__((vector_size(6)));"));
        assertEquals("""
                cdef:1:32: invalid vector type for attribute 'vector_size' ('_Bool') (in declaration of 'v')
                    typedef _Bool v __attribute__((vector_size(16)));
                                                   ^""", errorOf("typedef _Bool v __attribute__((vector_size(16)));"));
    }

    @Test
    void aVectorUnderAPointerIsAPointerToAVector() {
        // gcc applies vector_size to the base type, under the declarator's pointers.
        FFI ffi = new FFI();
        ffi.cdef("typedef int *vp __attribute__((vector_size(16)));");
        assertEquals("int __attribute__((vector_size(16))) *", ffi.typeOf("vp").toString());
    }

    @Test
    void passingAVectorByValueIsRefusedWithAClearMessage() {
        FFI ffi = new FFI();
        ffi.cdef("typedef int v4si __attribute__((vector_size(16))); v4si abs(v4si x);");
        Library libc = ffi.dlopen(null);
        FFIException e = assertThrows(FFIException.class, () -> libc.call("abs", ffi.alloc("v4si *")));
        assertEquals(
                "cannot call through 'int __attribute__((vector_size(16)))' (argument 1 of 'abs'): 'int"
                        + " __attribute__((vector_size(16)))' is a vector type: the JDK's FFM linker cannot pass vectors"
                        + " to or return them from C by value; pass a pointer to one",
                e.getMessage());
    }

    private static String errorOf(String source) {
        return assertThrows(CDefException.class, () -> new FFI().cdef(source)).getMessage();
    }
}

package org.cffi4j.internal.parse;

import org.cffi4j.ctype.CType;
import org.cffi4j.ctype.PrimitiveType;
import org.cffi4j.ctype.VectorType;
import org.cffi4j.internal.layout.Primitives;

/**
 * GNU vector types: {@code __attribute__((vector_size(N)))} makes the base type of a declaration
 * (under its pointers, arrays and functions, as gcc's {@code reconstruct_complex_type} does) a
 * vector of N bytes. The checks and their messages are gcc's.
 */
final class Vectors {
    private Vectors() {}

    /** {@code base}, or its vector if the attributes say {@code vector_size(N)}. */
    // gcc aligns a vector to its size on x86-64 (the alignment it lays vectors out with: its
    // __alignof__; C11's _Alignof reports at most 16 there), and to at most 16 bytes on AArch64:
    // the platform's vector alignment cap.
    static CType apply(CType base, Attributes attrs, TokenStream ts, Primitives platform) {
        if (attrs.vectorSize == 0) {
            return base;
        }
        Token at = attrs.vectorAt;
        if (!(base instanceof PrimitiveType p)
                || !p.isComplete()
                || p.kind() == PrimitiveType.Kind.BOOL
                || p.kind() == PrimitiveType.Kind.COMPLEX) {
            throw ts.error(at, "invalid vector type for attribute 'vector_size' ('" + base + "')");
        }
        long size = attrs.vectorSize;
        if (size % p.size() != 0) {
            throw ts.error(at, "vector size not an integral multiple of component size");
        }
        long count = size / p.size();
        if (Long.bitCount(count) != 1) {
            throw ts.error(at, "number of vector components " + count + " not a power of two");
        }
        long cap = platform.abi().vectorAlignmentCap();
        return new VectorType(p, size, cap > 0 ? Math.min(size, cap) : size);
    }
}

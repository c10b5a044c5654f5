package org.cffi4j.ctype;

/**
 * A GNU vector type, {@code int __attribute__((vector_size(16)))}: {@code byteSize / element size}
 * items of an arithmetic type, as the SIMD registers hold them. Its size and alignment are gcc's
 * (the alignment is the size, up to the platform's largest alignment). Vectors can be declared,
 * laid out in structs and allocated; the JDK's FFM linker cannot pass them to C by value.
 *
 * <p>On x86-64 gcc aligns a vector to its size, and lays out structs holding one accordingly: that
 * is {@link #byteAlignment()}, gcc's {@code __alignof__}; C11's {@code _Alignof} reports at most 16
 * there.
 *
 * @param element the type of each item (an integer or floating type)
 * @param byteSize the size in bytes, as given to {@code vector_size}
 * @param byteAlignment the alignment in bytes
 */
public record VectorType(PrimitiveType element, long byteSize, long byteAlignment) implements CType {

    /**
     * The number of items.
     *
     * @return {@code byteSize / element size}
     */
    public long length() {
        return byteSize / element.byteSize();
    }

    @Override
    public boolean isComplete() {
        return true;
    }

    /** Prints the type as gcc's syntax spells it: {@code int __attribute__((vector_size(16)))}. */
    @Override
    public String toString() {
        return element + " __attribute__((vector_size(" + byteSize + ")))";
    }
}

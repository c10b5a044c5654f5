package org.cffi4j.ctype;

/**
 * A C type. Every type prints itself in C syntax ({@code int(*)[5]}, {@code struct point *},
 * {@code int(*)(const char *, ...)}), and that printing serves error messages, generated C and
 * tests alike.
 *
 * <p>Struct, union and enum types are nominal: two of them are the same type only if they are
 * the same declaration. All other types are values compared structurally.
 */
public sealed interface CType
        permits VoidType, PrimitiveType, PointerType, ArrayType, FunctionType, StructType, EnumType, VectorType {

    /**
     * The size in bytes, as {@code sizeof} gives it.
     *
     * @return the size in bytes
     * @throws org.cffi4j.FFIException if the type has no known size (void, a function, an
     *     incomplete struct, an array of unknown length, a type only API mode can complete)
     */
    long byteSize();

    /**
     * The alignment in bytes, as {@code _Alignof} gives it.
     *
     * @return the alignment in bytes
     * @throws org.cffi4j.FFIException if the type has no known alignment
     */
    long byteAlignment();

    /**
     * Whether {@link #byteSize()} is known (so that the type can be allocated or embedded), as C
     * calls a type complete.
     *
     * @return true if the size is known
     */
    boolean isComplete();

    /**
     * The C declaration of {@code name} with this type, e.g. {@code int (*name)[5]}; with an empty
     * name, the abstract type name as used in a cast. ({@code toString} gives the same text, or, for
     * messages, an abbreviation of a type too long to show.)
     *
     * @param name the declared name, or empty for the abstract type name
     * @return the C text
     * @throws org.cffi4j.FFIException if the type is too large to write out in C (see {@link CPrinter})
     */
    default String declare(String name) {
        return CPrinter.declare(this, name);
    }
}

package org.cffi4j;

import java.util.List;
import org.cffi4j.ctype.CType;

/**
 * The entry point of cffi4j: declare C in {@link #cdef(String)}, then use the declarations.
 *
 * <pre>{@code
 * FFI ffi = new FFI();
 * ffi.cdef("""
 *     typedef struct { int x, y; } point_t;
 *     #define MAX_POINTS (16 * sizeof(point_t))
 *     """);
 * ffi.sizeof("point_t");            // 8
 * ffi.offsetof("point_t", "y");     // 4
 * ffi.integerConst("MAX_POINTS");   // 128
 * }</pre>
 *
 * <p>(Parser in progress: this class is the public surface the rest is written against.)
 */
public final class FFI {
    /** Creates an FFI with no declaration but the predefined C types. */
    public FFI() {}

    /** Parses C declarations and adds them to this FFI. */
    public void cdef(String source) {
        cdef(source, CdefOptions.defaults());
    }

    /** Parses C declarations with options and adds them to this FFI. */
    public void cdef(String source, CdefOptions options) {
        throw new UnsupportedOperationException("parser not yet landed");
    }

    /** {@code sizeof} a C type. */
    public long sizeof(String ctype) {
        return typeOf(ctype).byteSize();
    }

    /** {@code _Alignof} a C type. */
    public long alignof(String ctype) {
        return typeOf(ctype).byteAlignment();
    }

    /** {@code offsetof} a member path: field names, and array indices as decimal strings. */
    public long offsetof(String ctype, String... fieldPath) {
        throw new UnsupportedOperationException("parser not yet landed");
    }

    /** The C type named by a type name ({@code "int(*)[5]"}, {@code "struct point"}, a typedef). */
    public CType typeOf(String ctype) {
        throw new UnsupportedOperationException("parser not yet landed");
    }

    /** CFFI's getctype: the C name of {@code ctype} with {@code extra} declarator ({@code "*"}). */
    public String getCType(String ctype, String extra) {
        throw new UnsupportedOperationException("parser not yet landed");
    }

    /** The value of an enum constant or integer {@code #define}. */
    public long integerConst(String name) {
        throw new UnsupportedOperationException("parser not yet landed");
    }

    /** The typedef names, then the struct and union names, each sorted. */
    public List<String> listTypes() {
        throw new UnsupportedOperationException("parser not yet landed");
    }

    /** Makes the declarations of {@code other} usable here. */
    public void include(FFI other) {
        throw new UnsupportedOperationException("parser not yet landed");
    }
}

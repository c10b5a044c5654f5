package org.cffi4j;

import java.util.ArrayList;
import java.util.List;
import org.cffi4j.ctype.ArrayType;
import org.cffi4j.ctype.CType;
import org.cffi4j.ctype.Field;
import org.cffi4j.ctype.StructType;
import org.cffi4j.internal.parse.CdefParser;
import org.cffi4j.internal.parse.Declaration;
import org.cffi4j.internal.parse.TypeTable;

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
 * <p>An FFI is safe to use from several threads; cdef calls are serialised, and a cdef that fails
 * leaves the FFI exactly as it was.
 */
public final class FFI {
    private volatile TypeTable table = new TypeTable();

    /** Creates an FFI that knows only the predefined C types ({@code size_t}, {@code int32_t}...). */
    public FFI() {}

    /**
     * Parses C declarations and adds them to this FFI: anything a C header declares, including the
     * {@code gcc -E} output of real headers, {@code #define NAME <integer constant>}, and CFFI's
     * {@code ...} placeholders.
     *
     * @throws CDefException if the declarations are not valid C, with the location, the source line
     *     and what was expected; this FFI is then left unchanged
     */
    public void cdef(String source) {
        cdef(source, CdefOptions.defaults());
    }

    /**
     * Parses C declarations with options ({@link CdefOptions#packed()}, {@link CdefOptions#pack(int)},
     * {@link CdefOptions#override()}) and adds them to this FFI.
     *
     * @throws CDefException if the declarations are not valid C; this FFI is then left unchanged
     */
    public synchronized void cdef(String source, CdefOptions options) {
        TypeTable work = table.fork();
        try {
            CdefParser.parse(source, work, options);
        } catch (RuntimeException | StackOverflowError e) {
            work.rollback();
            if (e instanceof CDefException c) {
                throw c;
            }
            CDefException internal = new CDefException("cdef: internal error while parsing: " + e, "cdef", 0, 0);
            internal.initCause(e);
            throw internal;
        }
        work.commit();
        table = work;
    }

    /**
     * {@code sizeof} a C type, e.g. {@code sizeof("struct tm")}.
     *
     * @throws CDefException if the type name cannot be parsed
     * @throws FFIException if the type has no size (incomplete, or only API mode can tell)
     */
    public long sizeof(String ctype) {
        return typeOf(ctype).byteSize();
    }

    /**
     * {@code _Alignof} a C type.
     *
     * @throws FFIException if the type has no known alignment
     */
    public long alignof(String ctype) {
        return typeOf(ctype).byteAlignment();
    }

    /**
     * {@code offsetof} a member path: field names, and array indices as decimal strings, e.g.
     * {@code offsetof("struct a", "b", "c")} or {@code offsetof("struct s", "arr", "3")}. Members of
     * anonymous struct and union members are reached directly, as in C.
     *
     * @throws FFIException if a name is not a member, an index is applied to a non-array, or the
     *     member is a bitfield
     */
    public long offsetof(String ctype, String... fieldPath) {
        return MemberPath.offset(typeOf(ctype), ctype, fieldPath);
    }

    /**
     * The C type named by a type name: {@code "int(*)[5]"}, {@code "struct point"}, a typedef name,
     * {@code "const char *"}.
     *
     * @throws CDefException if the text is not a C type name
     */
    public CType typeOf(String ctype) {
        return CdefParser.typeName(ctype, table);
    }

    /**
     * CFFI's getctype: the C name of {@code ctype} with {@code extra} inserted where a declarator
     * goes, e.g. {@code getCType("int[5]", "*")} is {@code "int(*)[5]"}, {@code getCType("int", "*")}
     * is {@code "int *"}.
     */
    public String getCType(String ctype, String extra) {
        CType t = typeOf(ctype);
        if (extra == null || extra.isEmpty()) {
            return t.toString();
        }
        boolean needsParens = extra.startsWith("*") && (t instanceof ArrayType || t instanceof org.cffi4j.ctype.FunctionType);
        return t.declare(needsParens ? "(" + extra + ")" : extra);
    }

    /**
     * The value of an enum constant, an integer {@code #define} or a {@code static const} integer.
     * Unsigned 64-bit values come back as two's complement.
     *
     * @throws FFIException if no such constant is declared, or only API mode can tell its value
     */
    public long integerConst(String name) {
        Declaration d = table.lookup(name).orElse(null);
        if (d instanceof Declaration.Constant c) {
            if (c.apiMode()) {
                throw new FFIException("'" + name + "' is declared with '...': its value is known only in API mode"
                        + " (ffi.setSource + ffi.compile)");
            }
            return c.value();
        }
        throw new FFIException(d == null ? "no integer constant named '" + name + "' is declared"
                : "'" + name + "' is not an integer constant");
    }

    /**
     * The declared type names: the typedef names, then the struct and union types ({@code struct
     * tm}, {@code union sigval}), each group sorted.
     */
    public List<String> listTypes() {
        List<String> typedefs = new ArrayList<>();
        List<String> records = new ArrayList<>();
        for (Declaration d : table.declarations()) {
            if (d instanceof Declaration.Typedef) {
                typedefs.add(d.name());
            }
        }
        for (CType t : table.tags().values()) {
            if (t instanceof StructType s) {
                records.add(s.toString());
            }
        }
        typedefs.sort(null);
        records.sort(null);
        typedefs.addAll(records);
        return typedefs;
    }

    /**
     * Makes the declarations of {@code other} usable here, as CFFI's include: its types, functions
     * and constants. A declaration that conflicts with one of this FFI is an error, and nothing is
     * included then.
     */
    public synchronized void include(FFI other) {
        if (other == this) {
            return;
        }
        TypeTable work = table.fork();
        work.include(other.table);
        table = work;
    }

    /** The declarations of this FFI, for the other parts of cffi4j. */
    TypeTable table() {
        return table;
    }

    /** The fields of a struct, union or typedef name, in order (a convenience over {@link #typeOf}). */
    List<Field> fields(String ctype) {
        CType t = typeOf(ctype);
        if (t instanceof StructType s) {
            return s.fields();
        }
        throw new FFIException("'" + ctype + "' is not a struct or union");
    }
}

package org.cffi4j.misuse;

import static org.cffi4j.misuse.MisuseCases.Row.row;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cffi4j.CData;
import org.cffi4j.CDefException;
import org.cffi4j.FFI;
import org.cffi4j.FFIException;
import org.cffi4j.Library;
import org.cffi4j.Scope;

/**
 * The misuse table: for each mistake a user can make, the Java snippet and the exact exception and
 * message cffi4j must answer with. The declarations used are those of {@link Fixture#CDEF}.
 */
final class MisuseCases {
    private MisuseCases() {}

    static final List<MisuseCase> ALL = List.of(
            // --- calls: argument count and types
            row(
                    "calls",
                    "too many arguments",
                    f -> f.libc.call("abs", 1, 2),
                    "'abs' takes 1 argument (int abs(int)), 2 given"),
            row(
                    "calls",
                    "too few arguments to a variadic function",
                    f -> f.libc.call("snprintf", FFI.NULL),
                    "'snprintf' takes at least 3 arguments (int snprintf(char *, size_t, const char *, ...)), 1 given"),
            row(
                    "calls",
                    "String to int",
                    f -> f.libc.call("abs", "12"),
                    "cannot convert java.lang.String \"12\" to 'int' (argument 1 of 'abs'): an integer is expected"),
            row(
                    "calls",
                    "Integer to pointer",
                    f -> f.libc.call("strlen", 5),
                    "cannot convert java.lang.Integer 5 to 'const char *' (argument 1 of 'strlen'): a pointer "
                            + "cdata, FFI.NULL or null is expected"),
            row(
                    "calls",
                    "struct point * to struct tm *",
                    f -> f.libc.call("mktime", f.ffi.alloc("struct point *")),
                    "cannot convert 'struct point *' to 'struct tm *' (argument 1 of 'mktime'): the pointed-to "
                            + "types differ; use ffi.cast(\"struct tm *\", p) if that is really meant"),
            row(
                    "calls",
                    "variadic argument of an unsupported Java type",
                    f -> f.libc.call("snprintf", f.ffi.alloc("char[16]"), 16L, "%d", new ArrayList<>()),
                    "cannot pass java.util.ArrayList [] as variadic argument 4 of 'snprintf': use an Integer, "
                            + "Long, Double, String, a cdata, or ffi.cast(\"type\", x)"),
            row(
                    "calls",
                    "double to int",
                    f -> f.libc.call("abs", 1.5),
                    "cannot convert java.lang.Double 1.5 to 'int' (argument 1 of 'abs'): an integer is expected"),
            row(
                    "calls",
                    "int[] to const char *",
                    f -> f.libc.call("strlen", new int[] {1, 2}),
                    "cannot convert a Java int[] to 'const char *' (argument 1 of 'strlen'): the items have "
                            + "another C type"),
            row(
                    "calls",
                    "pointer difference of different types",
                    f -> f.ffi.alloc("int[2]").minus(f.ffi.alloc("char[3]")),
                    "cannot subtract 'char[3]' from 'int[2]': the pointed-to types differ"),
            row(
                    "calls",
                    "call through a NULL function pointer",
                    f -> f.ffi.cast("int(*)(int)", 0).call(1),
                    "call through a NULL function pointer ('int(*)(int)')"),

            // --- integers: every width, through arguments, items, members and initialisers
            row(
                    "integers",
                    "char item 200",
                    f -> f.ffi.alloc("char[4]").set(1, 200),
                    "integer 200 does not fit in 'char' (item 1 of 'char[4]'): the range is -128..127"),
            row(
                    "integers",
                    "short member 40000",
                    f -> f.ffi.alloc("struct widths *").set("s", 40000),
                    "integer 40000 does not fit in 'short' (member 's' of 'struct widths'): the range is "
                            + "-32768..32767"),
            row(
                    "integers",
                    "int argument 2^31",
                    f -> f.libc.call("abs", 1L << 31),
                    "integer 2147483648 does not fit in 'int' (argument 1 of 'abs'): the range is "
                            + "-2147483648..2147483647"),
            row(
                    "integers",
                    "unsigned int initialiser -1",
                    f -> f.ffi.alloc("unsigned int *", -1),
                    "integer -1 does not fit in 'unsigned int' (the initialiser of 'unsigned int *'): the range "
                            + "is 0..4294967295"),
            row(
                    "integers",
                    "long long argument 2^63",
                    f -> f.libc.call("llabs", BigInteger.ONE.shiftLeft(63)),
                    "integer 9223372036854775808 does not fit in 'long long' (argument 1 of 'llabs'): the range "
                            + "is -9223372036854775808..9223372036854775807"),
            row(
                    "integers",
                    "size_t argument -1",
                    f -> f.libc.call("strnlen", "abc", -1L),
                    "integer -1 does not fit in 'size_t' (argument 2 of 'strnlen'): the range is "
                            + "0..18446744073709551615"),
            row(
                    "integers",
                    "_Bool member 2",
                    f -> f.ffi.alloc("struct widths *").set("b", 2),
                    "cannot convert java.lang.Integer 2 to '_Bool' (member 'b' of 'struct widths'): true, false, "
                            + "0 or 1 is expected"),
            row(
                    "integers",
                    "_Bool struct initialiser 2",
                    f -> f.ffi.alloc("struct widths *", Map.of("b", 2)),
                    "cannot convert java.lang.Integer 2 to '_Bool' (member 'b' of 'struct widths'): true, false, "
                            + "0 or 1 is expected"),

            // --- NULL
            row(
                    "null",
                    "deref of NULL",
                    f -> f.ffi.cast("int *", 0).deref(),
                    "NULL pointer dereference: 'int *' is NULL"),
            row(
                    "null",
                    "get(0) of NULL",
                    f -> f.ffi.cast("int *", FFI.NULL).get(0),
                    "NULL pointer dereference: 'int *' is NULL"),
            row(
                    "null",
                    "set(0) of NULL",
                    f -> f.ffi.cast("int *", 0).set(0, 1),
                    "NULL pointer dereference: 'int *' is NULL"),
            row(
                    "null",
                    "member through NULL",
                    f -> f.ffi.cast("struct point *", 0).get("x"),
                    "NULL pointer dereference reading 'x' through 'struct point *'"),
            row(
                    "null",
                    "nested member through a NULL pointer member",
                    f -> f.ffi.alloc("struct line *").get("ref.y"),
                    "NULL pointer dereference reading 'ref.y' through 'struct point *'"),
            row(
                    "null",
                    "ffi.string(NULL)",
                    f -> f.ffi.string(f.ffi.cast("char *", 0)),
                    "ffi.string of a NULL pointer ('char *')"),
            row(
                    "null",
                    "ffi.unpack(NULL)",
                    f -> f.ffi.unpack(f.ffi.cast("int *", 0), 2),
                    "ffi.unpack of a NULL pointer ('int *')"),

            // --- bounds
            row(
                    "bounds",
                    "get past an array",
                    f -> f.ffi.alloc("int[3]").get(3),
                    "index 3 is out of bounds for 'int[3]' (valid: 0..2)"),
            row(
                    "bounds",
                    "set past an array",
                    f -> f.ffi.alloc("int[3]").set(5, 1),
                    "index 5 is out of bounds for 'int[3]' (valid: 0..2)"),
            row(
                    "bounds",
                    "negative index",
                    f -> f.ffi.alloc("int[3]").get(-1),
                    "index -1 is out of bounds for 'int[3]' (valid: 0..2)"),
            row(
                    "bounds",
                    "past an allocated pointer's block",
                    f -> f.ffi.alloc("int *").get(1),
                    "index 1 is out of bounds: 'int *' points into a block of 4 bytes (1 item)"),
            row(
                    "bounds",
                    "past an array member",
                    f -> f.ffi.alloc("struct line *").get("tags.4"),
                    "index 4 is out of bounds for 'int[4]' in 'tags.4'"),
            row(
                    "bounds",
                    "unpack past an array",
                    f -> f.ffi.unpack(f.ffi.alloc("int[3]"), 4),
                    "ffi.unpack: cannot take 4 items of 'int[3]'"),
            row(
                    "bounds",
                    "unpack past an allocated pointer's block",
                    f -> f.ffi.unpack(f.ffi.alloc("int *"), 2),
                    "ffi.unpack: cannot take 2 items of 'int *': it points into a block of 4 bytes (1 item)"),
            row(
                    "bounds",
                    "memmove larger than the destination",
                    f -> f.ffi.memmove(f.ffi.alloc("char[4]"), f.ffi.alloc("char[16]"), 8),
                    "ffi.memmove: 8 bytes do not fit in the destination (4 bytes)"),
            row(
                    "bounds",
                    "buffer larger than the cdata",
                    f -> f.ffi.buffer(f.ffi.alloc("int[2]"), 9),
                    "ffi.buffer: 9 bytes asked, but <cdata 'int[2]' owning 8 bytes> has 8"),
            row(
                    "bounds",
                    "write before an allocated block through p - 2",
                    f -> f.ffi.alloc("int[3]").plus(-2).set(0, 1),
                    outside("<cdata 'int *' 0x?>")),
            row(
                    "bounds",
                    "read past an allocated block through p + 3",
                    f -> f.ffi.alloc("int[2]").plus(3).get(0),
                    outside("<cdata 'int *' 0x?>")),
            row(
                    "bounds",
                    "pass a pointer from outside its block to C",
                    f -> f.libc.call("strlen", f.ffi.alloc("char[]", "abc").plus(-1)),
                    outside("<cdata 'char *' 0x?> as argument 1 of 'strlen'")),
            row(
                    "bounds",
                    "index beyond the address space",
                    f -> f.ffi.alloc("int *").get(Long.MAX_VALUE),
                    "index 9223372036854775807 of 'int *' is out of bounds: it is beyond the address space"),
            row(
                    "bounds",
                    "member path index beyond the address space",
                    f -> f.ffi.alloc("struct line *").get("tags.99999999999999999999"),
                    "index 99999999999999999999 is out of bounds for 'int[4]' in 'tags.99999999999999999999'"),
            row(
                    "bounds",
                    "memmove of a negative count",
                    f -> f.ffi.memmove(f.ffi.alloc("char[4]"), f.ffi.alloc("char[4]"), -1),
                    "ffi.memmove: the byte count is negative (-1)"),
            row(
                    "bounds",
                    "alloc of more than the address space",
                    f -> f.ffi.alloc("int[]", Long.MAX_VALUE),
                    "cannot allocate 'int[]' with 9223372036854775807 items: more bytes than the address space"),
            row(
                    "bounds",
                    "too many initialisers",
                    f -> f.ffi.alloc("int[2]", new int[] {1, 2, 3}),
                    "too many initialisers for 'int[2]': 3 given, room for 2 (the initialiser of 'int[2]')"),

            // --- members
            row(
                    "members",
                    "get of a missing field",
                    f -> f.ffi.alloc("struct point *").get("z"),
                    "'struct point' has no member named 'z'"),
            row(
                    "members",
                    "set of a missing field",
                    f -> f.ffi.alloc("struct point *").set("z", 1),
                    "'struct point' has no member named 'z'"),
            row(
                    "members",
                    "missing field in a nested path",
                    f -> f.ffi.alloc("struct line *").get("from.z"),
                    "'struct point' has no member named 'z' (in 'from.z')"),
            row(
                    "members",
                    "member of a non-struct",
                    f -> f.ffi.alloc("struct line *").get("from.x.y"),
                    "'struct line *' has no member 'y' (in 'from.x.y'): 'int' is not a struct or union"),
            row(
                    "members",
                    "missing field in a Map initialiser",
                    f -> f.ffi.alloc("struct point *", Map.of("z", 1)),
                    "'struct point' has no member named 'z' (the initialiser of 'struct point *')"),

            // --- lifetimes
            row(
                    "lifetimes",
                    "get after ffi.release",
                    f -> {
                        CData p = f.ffi.alloc("int *", 7);
                        f.ffi.release(p);
                        p.get(0);
                    },
                    released("<cdata 'int *' owning 4 bytes, released>")),
            row(
                    "lifetimes",
                    "set after ffi.release",
                    f -> {
                        CData p = f.ffi.alloc("struct point *");
                        f.ffi.release(p);
                        p.set("x", 1);
                    },
                    released("<cdata 'struct point *' owning 8 bytes, released>")),
            row(
                    "lifetimes",
                    "pass to C after ffi.release",
                    f -> {
                        CData s = f.ffi.alloc("char[]", "hello");
                        f.ffi.release(s);
                        f.libc.call("strlen", s);
                    },
                    released("<cdata 'char[6]' owning 6 bytes, released> as argument 1 of 'strlen'")),
            row(
                    "lifetimes",
                    "pass to a bound method after ffi.release",
                    f -> {
                        CData s = f.ffi.alloc("char[]", "hello");
                        f.ffi.release(s);
                        f.libc.bind(Bound.Strlen.class).strlen(s);
                    },
                    released("<cdata 'char[6]' owning 6 bytes, released> as argument 1 of 'strlen'")),
            row(
                    "lifetimes",
                    "struct by value after ffi.release",
                    f -> {
                        CData addr = f.ffi.alloc("struct in_addr *", Map.of("s_addr", 0x0100007f));
                        CData value = (CData) addr.deref();
                        f.ffi.release(addr);
                        f.libc.call("inet_ntoa", value);
                    },
                    released("<cdata 'struct in_addr' owning 4 bytes, released> as argument 1 of 'inet_ntoa'")),
            row(
                    "lifetimes",
                    "member view after its struct's release",
                    f -> {
                        CData line = f.ffi.alloc("struct line *");
                        CData from = (CData) line.get("from");
                        f.ffi.release(line);
                        from.get("x");
                    },
                    released("<cdata 'struct point' owning 8 bytes, released>")),
            row(
                    "lifetimes",
                    "get after the scope closed",
                    f -> {
                        CData p;
                        try (Scope scope = f.ffi.scope()) {
                            p = scope.alloc("int[4]");
                        }
                        p.get(0);
                    },
                    released("<cdata 'int[4]' owning 16 bytes, released>")),
            row(
                    "lifetimes",
                    "alloc from a closed scope",
                    f -> {
                        Scope scope = f.ffi.scope();
                        scope.close();
                        scope.alloc("int *");
                    },
                    "this scope is closed"),
            row(
                    "lifetimes",
                    "release of memory cffi4j does not own",
                    f -> f.ffi.release(f.ffi.cast("int *", 0)),
                    "<cdata 'int *' NULL> does not own its memory (it was not made by ffi.alloc or ffi.gc), so it "
                            + "cannot be released"),
            row(
                    "lifetimes",
                    "ffi.gc view after the original's release",
                    f -> {
                        CData p = f.ffi.alloc("int *", 7);
                        CData g = f.ffi.gc(p, x -> {});
                        f.ffi.release(p);
                        g.set(0, 42);
                        g.get(0);
                    },
                    released("<cdata 'int *' owning 4 bytes, released>")),

            // --- libraries and declarations
            row(
                    "libraries",
                    "call through a closed library",
                    f -> {
                        f.ffi.cdef("double cos(double x);");
                        Library m = f.ffi.dlopen("m");
                        m.close();
                        m.call("cos", 0.0);
                    },
                    "'cos' cannot be used: library 'm' is closed"),
            row(
                    "libraries",
                    "CFunction kept past its library's close",
                    f -> {
                        f.ffi.cdef("double cos(double x);");
                        Library m = f.ffi.dlopen("m");
                        var cos = m.function("cos");
                        m.close();
                        cos.invoke(0.0);
                    },
                    "'cos' cannot be used: library 'm' is closed"),
            row(
                    "libraries",
                    "dlopen of a missing library",
                    f -> f.ffi.dlopen("/cffi4j_no_such_dir/libcffi4j_no_such_lib.so"),
                    "cannot load library '/cffi4j_no_such_dir/libcffi4j_no_such_lib.so'; tried, in order:\n"
                            + "  dlopen(\"/cffi4j_no_such_dir/libcffi4j_no_such_lib.so\"):"
                            + " /cffi4j_no_such_dir/libcffi4j_no_such_lib.so: cannot open shared object file: "
                            + "No such file or directory"),
            row(
                    "libraries",
                    "lib.get of an undeclared name",
                    f -> f.libc.get("no_such_global"),
                    "'no_such_global' is not declared"),
            row(
                    "libraries",
                    "call of an undeclared function",
                    f -> f.libc.call("no_such_function"),
                    "no function 'no_such_function' is declared in the cdef"),
            row(
                    "libraries",
                    "call of a function not in the library",
                    f -> {
                        f.ffi.cdef("int cffi4j_no_such_symbol(int x);");
                        f.libc.call("cffi4j_no_such_symbol", 1);
                    },
                    "function 'cffi4j_no_such_symbol' is not in the C runtime"),
            row(
                    "libraries",
                    "call of a static inline function",
                    f -> f.libc.call("twice", 1),
                    "'twice' is a static inline function (declared with a body): it has no symbol in a library, "
                            + "so ABI mode cannot call it; API mode (ffi.setSource + ffi.compile) can"),
            row(
                    "libraries",
                    "set of a const global",
                    f -> f.libc.set("optind", 3),
                    "'optind' is declared const, so it cannot be assigned"),
            row(
                    "libraries",
                    "call of a typedef name",
                    f -> f.libc.call("point_t"),
                    "'point_t' is not a function: it is declared as a typedef"),
            row(
                    "libraries",
                    "bound method after its library's close",
                    f -> {
                        f.ffi.cdef("double cos(double x);");
                        Library m = f.ffi.dlopen("m");
                        Bound.Cos cos = m.bind(Bound.Cos.class);
                        m.close();
                        cos.cos(0.0);
                    },
                    "'cos' cannot be used: library 'm' is closed"),
            row(
                    "libraries",
                    "bind with a mismatched Java signature",
                    f -> f.libc.bind(Bound.WrongAbs.class),
                    "cannot bind WrongAbs.abs: the Java method 'int abs(String)' does not match the cdef "
                            + "declaration 'int abs(int)': parameter 1 is String, which cannot be converted to 'int'"),

            // --- incomplete types, cdef and alloc
            row(
                    "types",
                    "opaque struct by value",
                    f -> {
                        f.ffi.cdef("long labs(struct opaque v);");
                        f.libc.call("labs", FFI.NULL);
                    },
                    "cannot call through 'struct opaque' (argument 1 of 'labs'): 'struct opaque' is incomplete "
                            + "(declared without a body), so it has no known size"),
            row(
                    "types",
                    "partial struct by value",
                    f -> {
                        f.ffi.cdef("struct partial div(int a, int b);");
                        f.libc.call("div", 7, 2);
                    },
                    "cannot call through 'struct partial' (the return value of 'div'): 'struct partial' is "
                            + "declared with '...': its layout is known only in API mode (ffi.setSource + "
                            + "ffi.compile)"),
            row(
                    "types",
                    "alloc of an opaque struct",
                    f -> f.ffi.alloc("struct opaque *"),
                    "cannot allocate 'struct opaque *': 'struct opaque' is incomplete (declared without a body), "
                            + "so it has no known size"),
            row(
                    "types",
                    "alloc of a partial struct",
                    f -> f.ffi.alloc("struct partial *"),
                    "cannot allocate 'struct partial *': 'struct partial' is declared with '...': its layout is "
                            + "known only in API mode (ffi.setSource + ffi.compile)"),
            row(
                    "types",
                    "deref of an opaque struct pointer",
                    f -> f.ffi.cast("struct opaque *", 64).deref(),
                    "cannot index or dereference 'struct opaque *': 'struct opaque' is incomplete (declared "
                            + "without a body), so it has no known size"),
            row(
                    "types",
                    "deref of void *",
                    f -> f.ffi.cast("void *", 64).deref(),
                    "cannot index or dereference 'void *': 'void' has no size"),
            row(
                    "types",
                    "alloc of a non-pointer type",
                    f -> f.ffi.alloc("int"),
                    "ffi.alloc needs a pointer or array type, not 'int': use 'int *' for one item or 'int[]' for "
                            + "several"),
            row("types", "alloc of void *", f -> f.ffi.alloc("void *"), "cannot allocate 'void *': 'void' has no size"),
            row(
                    "types",
                    "cdef syntax error",
                    f -> f.ffi.cdef("int f(int x"),
                    CDefException.class,
                    "cdef:1:12: expected ')' but found end of input (in declaration of "
                            + "'f')\n    int f(int x\n               ^"),
            row(
                    "types",
                    "cdef conflicting redeclaration",
                    f -> f.ffi.cdef("long abs(long j);"),
                    CDefException.class,
                    "cdef:1:6: conflicting declaration of 'abs': it was declared as 'int "
                            + "abs(int)' and is now 'long abs(long)' (in declaration of 'abs')\n    long abs(long "
                            + "j);\n         ^"),
            row(
                    "types",
                    "unknown type name in alloc",
                    f -> f.ffi.alloc("struct_point *"),
                    CDefException.class,
                    "type:1:1: unknown type name 'struct_point'\n    struct_point *\n    ^"),
            // --- callbacks: signatures, exceptions from Java, released stubs
            row(
                    "callbacks",
                    "callback parameter of the wrong width",
                    f -> f.ffi.callback("int(*)(int)", (java.util.function.LongUnaryOperator) x -> x),
                    "the callback's long applyAsLong(long) does not match 'int(*)(int)': parameter 1 is long, which"
                            + " cannot receive 'int'"),
            row(
                    "callbacks",
                    "callback with too many parameters",
                    f -> f.ffi.callback("int(*)(int)", (java.util.function.IntBinaryOperator) (a, b) -> a),
                    "the callback's int applyAsInt(int, int) does not match 'int(*)(int)': it has 2 parameters, the C"
                            + " function 1"),
            row(
                    "callbacks",
                    "callback that is not a function",
                    f -> f.ffi.callback("int(*)(int)", new Object()),
                    "the Java function of callback 'int(*)(int)' must be a lambda of a functional interface or a"
                            + " java.util.function.Function<Object[], Object>, not java.lang.Object"),
            row(
                    "callbacks",
                    "comparator that throws inside qsort",
                    MisuseCases::throwingComparator,
                    "qsort returned; C got 0 from the comparator and the exception was reported:"
                            + " java.lang.IllegalStateException: comparator failed"),
            row(
                    "callbacks",
                    "released callback passed to C",
                    f -> {
                        CData cmp = f.ffi.callback(
                                "int(*)(const void *, const void *)",
                                (java.util.function.Function<Object[], Object>) a -> 0);
                        f.ffi.release(cmp);
                        f.libc.call("qsort", f.ffi.alloc("int[]", new int[] {2, 1}), 2L, 4L, cmp);
                    },
                    released("<cdata 'int(*)(const void *, const void *)' 0x?, released> as argument 4 of 'qsort'")));

    // A comparator that throws: the exception must not reach C (it would end the JVM); C gets 0 and
    // the handler hears of it. The snippet then reports what happened as the case's exception.
    private static void throwingComparator(Fixture f) {
        List<Throwable> seen = new ArrayList<>();
        CData cmp = f.ffi.callback(
                "int(*)(const void *, const void *)",
                (java.util.function.Function<Object[], Object>) a -> {
                    throw new IllegalStateException("comparator failed");
                },
                0,
                seen::add);
        f.libc.call("qsort", f.ffi.alloc("int[]", new int[] {2, 1}), 2L, 4L, cmp);
        throw new FFIException(
                "qsort returned; C got 0 from the comparator and the exception was reported: " + seen.get(0));
    }

    // The message of any use of a pointer computed outside its block, naming it and what it was used as.
    private static String outside(String use) {
        return "use of " + use + ": it was computed by pointer arithmetic outside the memory block it pointed into,"
                + " so it cannot be read, written or passed to C";
    }

    // The message of any use of released memory, naming the cdata and what it was used as.
    private static String released(String use) {
        return "use of " + use + " after it was released (ffi.release, or its scope was closed)";
    }

    /** Builds rows with the group first, so the table reads as sections. */
    static final class Row {
        private Row() {}

        static MisuseCase row(String group, String name, Snippet snippet, String message) {
            return new MisuseCase(group, name, snippet, FFIException.class, message);
        }

        static MisuseCase row(
                String group, String name, Snippet snippet, Class<? extends FFIException> thrown, String message) {
            return new MisuseCase(group, name, snippet, thrown, message);
        }
    }
}

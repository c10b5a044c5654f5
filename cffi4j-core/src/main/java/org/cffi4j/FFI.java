package org.cffi4j;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import org.cffi4j.ctype.ArrayType;
import org.cffi4j.ctype.CType;
import org.cffi4j.ctype.PointerType;
import org.cffi4j.ctype.StructType;
import org.cffi4j.ctype.VoidType;
import org.cffi4j.internal.call.Errno;
import org.cffi4j.internal.call.NativeLayouts;
import org.cffi4j.internal.decl.Declaration;
import org.cffi4j.internal.decl.DeclarationTable;
import org.cffi4j.internal.lib.Dl;
import org.cffi4j.internal.lib.LibraryFinder;
import org.cffi4j.internal.memory.Handles;
import org.cffi4j.internal.memory.Lifetime;
import org.cffi4j.internal.message.ApiModeOnly;
import org.cffi4j.internal.message.DidYouMean;
import org.cffi4j.internal.parse.CdefParser;
import org.cffi4j.internal.upcall.Upcalls;

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
    /** {@code dlopen} flag: resolve symbols when first used. */
    public static final int RTLD_LAZY = 0x1;
    /** {@code dlopen} flag: resolve all symbols at load (the default of {@link #dlopen(String)}). */
    public static final int RTLD_NOW = 0x2;
    /** {@code dlopen} flag: do not load, only find a library already loaded. */
    public static final int RTLD_NOLOAD = 0x4;
    /** {@code dlopen} flag: prefer the library's own symbols to global ones. */
    public static final int RTLD_DEEPBIND = 0x8;
    /** {@code dlopen} flag: make the library's symbols available to libraries loaded later. */
    public static final int RTLD_GLOBAL = 0x100;
    /** {@code dlopen} flag: keep the library's symbols to itself (the default). */
    public static final int RTLD_LOCAL = 0;
    /** {@code dlopen} flag: never unload the library, even at {@code close()}. */
    public static final int RTLD_NODELETE = 0x1000;

    /** The NULL pointer, a {@code void *} cdata. */
    public static final CData NULL = new CData(new PointerType(VoidType.VOID), MemorySegment.NULL, Lifetime.UNOWNED);

    private volatile DeclarationTable table = new DeclarationTable();
    private final InitOnce onces = new InitOnce();
    private String module;
    private String source;
    private SourceOptions sourceOptions;
    private volatile boolean lastCompileCompiled;
    // The declarations the last compile() started from, and the completed ones it made.
    private DeclarationTable compiledFrom;
    private DeclarationTable compiledTo;

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
        if (source == null || options == null) {
            throw new CDefException(
                    "cdef needs " + (source == null ? "C declarations (a String)" : "options (CdefOptions.defaults())")
                            + ", not null",
                    "cdef",
                    0,
                    0);
        }
        DeclarationTable work = table.fork();
        try {
            CdefParser.parse(source, work, options);
            work.commit(); // publishes the completions of older types: other threads never see them before
        } catch (RuntimeException | StackOverflowError e) {
            work.rollback();
            if (e instanceof CDefException c) {
                throw c;
            }
            CDefException internal = new CDefException("cdef: internal error while parsing: " + e, "cdef", 0, 0);
            internal.initCause(e);
            throw internal;
        }
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
     * The FFM {@code MemoryLayout} of a C type, with the layout the C compiler gives it and every
     * member named as in C: for {@code VarHandle}s on {@link CData#segment()} in code that wants
     * raw FFM speed, e.g. {@code ffi.layout("struct point").varHandle(groupElement("x"))}. Value
     * layouts are unaligned (any address works; access costs the same on the supported CPUs);
     * bitfields are plain bytes, as no layout holds them; members of an anonymous struct or union
     * member are reached through it with {@code groupElement(index)}.
     *
     * @throws FFIException if the type is not declared or has no known layout
     */
    public MemoryLayout layout(String ctype) {
        return NativeLayouts.inMemory(typeOf(ctype));
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
        return MemberPath.offset(typeOf(ctype), "offsetof('" + ctype + "')", fieldPath);
    }

    /**
     * The C type named by a type name: {@code "int(*)[5]"}, {@code "struct point"}, a typedef name,
     * {@code "const char *"}.
     *
     * @throws CDefException if the text is not a C type name
     */
    public CType typeOf(String ctype) {
        if (ctype == null) {
            throw new FFIException("a C type is named by a String such as \"int *\" or \"struct point\", not null");
        }
        DeclarationTable current = table;
        return current.parsedType(ctype, text -> {
            // A type name may mention a tag never declared ("struct nope *"): parse into a scratch table
            // (made in constant time), so that asking about a type never declares anything.
            DeclarationTable scratch = current.scratch();
            try {
                return CdefParser.typeName(text, scratch);
            } finally {
                scratch.rollback();
            }
        });
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
        boolean needsParens =
                extra.startsWith("*") && (t instanceof ArrayType || t instanceof org.cffi4j.ctype.FunctionType);
        return t.declare(needsParens ? "(" + extra + ")" : extra);
    }

    /**
     * The value of an enum constant, an integer {@code #define} or a {@code static const} integer.
     * Unsigned 64-bit values come back as two's complement.
     *
     * @throws FFIException if no such constant is declared, or only API mode can tell its value
     */
    public long integerConst(String name) {
        DeclarationTable current = table;
        Declaration d = current.lookup(name).orElse(null);
        if (d instanceof Declaration.Constant c) {
            if (c.apiMode()) {
                throw new FFIException(ApiModeOnly.constantValue(name));
            }
            return c.value();
        }
        throw new FFIException(
                d == null
                        ? "no integer constant named '" + name + "' is declared"
                                + DidYouMean.declared(name, current.declarations(), Declaration.Constant.class)
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
     * included then; so is including an FFI into itself, as in CFFI.
     */
    public synchronized void include(FFI other) {
        if (other == null || other == this) {
            throw new FFIException(
                    "ffi.include needs another FFI, not " + (other == null ? "null" : "this FFI itself"));
        }
        DeclarationTable work = table.fork();
        work.include(other.table);
        table = work;
    }

    /**
     * Loads a C library: a short name ({@code "z"}, {@code "sqlite3"}, {@code "m"}) found as
     * {@code ctypes.util.find_library} would, a file name or a path; {@code null} for the C runtime
     * (libc, libm and what the process has loaded). Uses {@link #RTLD_NOW}.
     *
     * @throws FFIException if the library cannot be loaded: the message lists every place tried, in
     *     order, and the loader's message
     */
    public Library dlopen(String nameOrPath) {
        return dlopen(nameOrPath, RTLD_NOW);
    }

    /** Loads a C library with {@code dlopen} flags ({@link #RTLD_LAZY}, {@link #RTLD_GLOBAL}...). */
    public Library dlopen(String nameOrPath, int flags) {
        if (nameOrPath != null && nameOrPath.indexOf('\0') >= 0) {
            throw new FFIException("ffi.dlopen: the library name \"" + nameOrPath.replace("\0", "\\0")
                    + "\" contains a NUL character, which would end it early in C");
        }
        if ((flags & (RTLD_LAZY | RTLD_NOW)) == 0) {
            flags |= RTLD_NOW; // as CFFI does: dlopen needs one of the two
        }
        if (nameOrPath == null) {
            return new Library(this, null, Dl.open(null, flags));
        }
        LibraryFinder.Search search = LibraryFinder.find(nameOrPath);
        return new Library(this, nameOrPath, Dl.open(search.path(), flags, search::failure));
    }

    /**
     * CFFI's {@code ffi.new}: zero-filled native memory for a pointer type ({@code "struct point *"}:
     * one struct) or an array type ({@code "int[10]"}, or {@code "int[]"} with a length or an
     * initialiser). The cdata owns the memory: it is freed when no cdata pointing into it is
     * reachable, or at {@link #release}.
     */
    public CData alloc(String ctype) {
        return Allocations.alloc(typeOf(ctype), ctype, null);
    }

    /**
     * {@link #alloc(String)} with an initialiser: a number, a String (char arrays), a Java array or
     * List (arrays), a Map of member names or a positional List (structs), nested as needed; or,
     * for {@code "T[]"}, an Integer length.
     */
    public CData alloc(String ctype, Object init) {
        return Allocations.alloc(typeOf(ctype), ctype, init);
    }

    /**
     * CFFI's {@code ffi.new_allocator}: an {@link Allocator} whose {@code alloc} calls
     * {@code alloc(size)} for each block and gives it back to {@code free(p)} when it is released
     * or unreachable. Each function is a C function pointer cdata ({@code void *(*)(size_t)},
     * {@code void (*)(void *)}), a library function ({@code lib.function("malloc")}), a Java
     * {@code LongFunction} returning a pointer cdata (resp. a {@code Consumer<CData>}), or null:
     * a null alloc is cffi4j's own allocation; a null free never frees (an arena freed as a whole).
     *
     * @param clearAfterAlloc whether to zero each block, as {@code ffi.alloc} does; blocks from cffi4j's
     *     own allocation are always zero
     * @throws FFIException if a function is of none of these kinds, or free is given without alloc
     */
    public Allocator newAllocator(Object alloc, Object free, boolean clearAfterAlloc) {
        return new Allocator(this, alloc, free, clearAfterAlloc);
    }

    /**
     * CFFI's {@code ffi.init_once}: runs {@code initialiser} once for {@code tag} in this FFI, however
     * many threads call at the same time, and returns its result to every caller (the later ones
     * wait for the first). If it throws, the exception goes to its caller and the next call runs
     * it again.
     *
     * @throws FFIException if an argument is null, or the initialiser calls initOnce with its own tag
     */
    public <T> T initOnce(java.util.function.Supplier<T> initialiser, Object tag) {
        return onces.run(initialiser, tag);
    }

    /** A scope whose allocations are all freed when it closes. */
    public Scope scope() {
        return new Scope(this);
    }

    /**
     * Frees the memory of a cdata made by {@link #alloc} (or runs the destructor of {@link #gc}) now;
     * any later use of it, or of pointers into it, is an {@link FFIException}. Releasing twice does
     * nothing. An access in flight on another thread, or a C call that was given the memory, keeps
     * it until it ends: the release never frees memory under a use.
     */
    public void release(CData cdata) {
        CDataFunctions.release(cdata(cdata, "ffi.release"));
    }

    /**
     * A C cast: {@code cast("short", 70000)} wraps as C does; {@code cast("char *", p)} reinterprets
     * a pointer; {@code cast("intptr_t", p)} gives its address. A cast to a number type gives a cdata
     * that carries its C type (to force the type of a variadic argument).
     */
    public CData cast(String ctype, Object value) {
        return org.cffi4j.internal.convert.CastValues.cast(typeOf(ctype), value);
    }

    /** The C string a {@code char *}, {@code char[]} or wide-char pointer designates (UTF-8 / UTF-16 / UTF-32); an enum value's name. */
    public String string(CData cdata) {
        return CDataFunctions.string(cdata(cdata, "ffi.string"), -1);
    }

    /** {@link #string(CData)} reading at most {@code maxlen} characters. */
    public String string(CData cdata, int maxlen) {
        return CDataFunctions.string(cdata(cdata, "ffi.string"), maxlen);
    }

    /** The first {@code n} items of a pointer or array as a Java array ({@code int[]}, {@code byte[]}, ... or {@code Object[]}). */
    public Object unpack(CData cdata, int n) {
        return CDataFunctions.unpack(cdata(cdata, "ffi.unpack"), n);
    }

    /**
     * The memory of a cdata as a ByteBuffer in native byte order (no copy); for memory cffi4j owns,
     * over {@link CData#segment()}: unusable (IllegalStateException) once the memory is released.
     */
    public java.nio.ByteBuffer buffer(CData cdata) {
        return CDataFunctions.buffer(cdata(cdata, "ffi.buffer"), -1);
    }

    /** The first {@code size} bytes a cdata designates as a ByteBuffer (no copy). */
    public java.nio.ByteBuffer buffer(CData cdata, long size) {
        if (size < 0) {
            throw new FFIException("ffi.buffer: the size is negative (" + size + ")");
        }
        return CDataFunctions.buffer(cdata(cdata, "ffi.buffer"), size);
    }

    /**
     * A cdata of a pointer or array type over existing memory: a native MemorySegment or direct
     * ByteBuffer (no copy), or a byte[] (copied into native memory, since a Java array can move).
     */
    public CData fromBuffer(String ctype, Object buffer) {
        return CDataFunctions.fromBuffer(typeOf(ctype), ctype, buffer);
    }

    /** Copies {@code n} bytes between cdata, MemorySegments, byte[] or ByteBuffers; overlapping ranges are fine. */
    public void memmove(Object dst, Object src, long n) {
        CDataFunctions.memmove(dst, src, n);
    }

    /** {@code &s} or {@code &s.a.b[2]}: a pointer to a struct, array or one of its members. */
    public CData addressof(CData cdata, String... fieldPath) {
        if (fieldPath == null) {
            throw new FFIException(
                    "ffi.addressof: the member path is member names and indices such as \"a\", \"3\", not null");
        }
        return CDataFunctions.addressof(cdata(cdata, "ffi.addressof"), fieldPath);
    }

    /** A cdata like {@code cdata} that calls {@code destructor} when it becomes unreachable or is released. */
    public CData gc(CData cdata, java.util.function.Consumer<CData> destructor) {
        if (destructor == null) {
            throw new FFIException("ffi.gc needs a destructor (a Consumer<CData>), not null");
        }
        return CDataFunctions.gc(cdata(cdata, "ffi.gc"), destructor);
    }

    /** {@code sizeof} the value of a cdata (of an array: all its items). */
    public long sizeof(CData cdata) {
        return cdata(cdata, "ffi.sizeof").ctype().byteSize();
    }

    /** The C type of a cdata. */
    public CType typeOf(CData cdata) {
        return cdata(cdata, "ffi.typeOf").ctype();
    }

    /**
     * A Java function as a C function pointer: {@code callback("int(*)(const void *, const void *)",
     * (Comparator) (a, b) -> ...)}. The function is a lambda of a functional interface whose Java
     * signature matches the C one (checked now), or a {@code Function<Object[], Object>} receiving
     * the converted arguments. If it throws, C gets zero of the return type and the exception is
     * printed to stderr with the C type; the JVM never sees an exception cross into C, not even a
     * {@code StackOverflowError} or {@code OutOfMemoryError} (reported later if there is no room to
     * report it at once; see docs/SEMANTICS.md, S). The callback
     * lives while its cdata is reachable, or until {@link #release}: C must not call it afterwards.
     */
    public CData callback(String fnPtrType, Object javaFunction) {
        return callback(fnPtrType, javaFunction, null, null);
    }

    /**
     * {@link #callback(String, Object)} with the value C gets when the function throws, and the
     * handler that is told of the exception (null for the defaults: zero and a report on stderr).
     */
    public CData callback(
            String fnPtrType, Object javaFunction, Object errorValue, java.util.function.Consumer<Throwable> onError) {
        CType t = typeOf(fnPtrType);
        if (t instanceof org.cffi4j.ctype.FunctionType f) {
            t = new PointerType(f);
        }
        if (!(t instanceof PointerType p)) {
            throw new FFIException(
                    "a callback needs a function pointer type such as 'int(*)(int)', not '" + fnPtrType + "'");
        }
        return Upcalls.callback(p, javaFunction, errorValue, onError);
    }

    /** A {@code void *} standing for a Java object, for C's user-data pointers; see {@link #fromHandle}. */
    public CData newHandle(Object object) {
        return Handles.newHandle(object);
    }

    /**
     * The object a handle from {@link #newHandle} stands for.
     *
     * @throws FFIException if the pointer is not a live handle
     */
    public Object fromHandle(CData handle) {
        return Handles.fromHandle(handle);
    }

    /** The errno left by the last C call this thread made through cffi4j. */
    public int errno() {
        return Errno.get();
    }

    /** Sets errno for the next C call of this thread. */
    public void setErrno(int value) {
        Errno.set(value);
    }

    /**
     * API mode: the C source to compile with the declarations, typically the {@code #include}s of the
     * library's real headers, plus any helper C. See {@link #compile()}.
     */
    public void setSource(String moduleName, String cSource) {
        setSource(moduleName, cSource, SourceOptions.none());
    }

    /** API mode with compiler and linker options, e.g. {@code SourceOptions.libraries("z")}. */
    public synchronized void setSource(String moduleName, String cSource, SourceOptions options) {
        if (moduleName == null || !moduleName.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new FFIException("the module name must be a C identifier, not '" + moduleName + "'");
        }
        if (cSource == null || options == null) {
            throw new FFIException("ffi.setSource needs "
                    + (cSource == null ? "the C source (a String, possibly empty)" : "options (SourceOptions.none())")
                    + ", not null");
        }
        this.module = moduleName;
        this.source = cSource;
        this.sourceOptions = options;
    }

    /**
     * API mode: compiles the declarations with the source of {@link #setSource} using the system C
     * compiler (checking each declaration against the real headers, completing what only the
     * compiler knows), loads the result and returns it as a {@link Library}. The result is cached
     * in the directory named by the system property {@code cffi4j.cache}, else the environment
     * variable {@code CFFI4J_CACHE}, else {@code ~/.cache/cffi4j}: the same inputs compile once.
     *
     * @throws CompilationException if the compiler rejects the declarations (the message maps its
     *     errors to the cdef)
     * @throws FFIException if no C compiler is found, or no source was set
     */
    public synchronized Library compile() {
        if (module == null) {
            throw new FFIException("call ffi.setSource(moduleName, cSource) before ffi.compile()");
        }
        DeclarationTable start = uncompleted();
        DeclarationTable work = start.fork();
        org.cffi4j.internal.api.ApiModule m;
        try {
            m = work.within(() -> org.cffi4j.internal.api.ApiModule.build(module, source, sourceOptions, work));
            work.commit();
        } catch (RuntimeException e) {
            work.rollback(); // the structs the compiler completed stay partial for every other thread
            throw e;
        }
        compiledFrom = start;
        compiledTo = work;
        table = work;
        lastCompileCompiled = m.compiled();
        return new Library(this, module, m.handle(), m.functions());
    }

    /** Writes the C that {@link #compile()} compiles, for inspection. */
    public synchronized void emitCCode(java.nio.file.Path file) {
        if (module == null) {
            throw new FFIException("call ffi.setSource(moduleName, cSource) before ffi.emitCCode");
        }
        try {
            java.nio.file.Files.writeString(
                    file, org.cffi4j.internal.api.ApiModule.generate(module, source, uncompleted()));
        } catch (java.io.IOException e) {
            throw new FFIException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    // The declarations as the cdef left them: without a cdef since the last compile(), the ones that
    // compile started from, so that compiling again writes the same C (and finds it in the cache).
    private DeclarationTable uncompleted() {
        return table == compiledTo ? compiledFrom : table;
    }

    /** Whether the last {@link #compile()} ran the C compiler (false: the cache had the result). */
    boolean lastCompileCompiled() {
        return lastCompileCompiled;
    }

    // The cdata argument of a public method, which must not be null (FFI.NULL is C's NULL).
    private static CData cdata(CData c, String method) {
        if (c == null) {
            throw new FFIException(method + " needs a cdata, not null (C's NULL pointer is FFI.NULL)");
        }
        return c;
    }

    /** The declarations of this FFI, for the other parts of cffi4j. */
    DeclarationTable table() {
        return table;
    }
}

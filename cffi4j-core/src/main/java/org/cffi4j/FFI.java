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
import org.cffi4j.internal.bind.StructViews;
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
import org.cffi4j.internal.platform.Abi;
import org.cffi4j.internal.upcall.Upcalls;

/**
 * The entry point of cffi4j: declare C in {@link #cdef(String)}, then use the declarations.
 *
 * {@snippet :
 * FFI ffi = new FFI();
 * ffi.cdef("""
 *     typedef struct { int x, y; } point_t;
 *     #define MAX_POINTS (16 * sizeof(point_t))
 *     """);
 * ffi.sizeof("point_t");            // 8
 * ffi.offsetof("point_t", "y");     // 4
 * ffi.integerConst("MAX_POINTS");   // 128
 * }
 *
 * <p>An FFI is safe to use from several threads; cdef calls are serialised, and a cdef that fails
 * leaves the FFI exactly as it was.
 *
 * <p>An FFI of another platform than the running one ({@link #FFI(Platform)}) lays types out for
 * that platform; its methods that load libraries, call, or make C data ({@code dlopen}, {@code
 * compile}, {@code alloc}, {@code cast}, {@code callback}, {@code fromBuffer}, {@code newAllocator},
 * {@code newHandle}) throw an {@link FFIException} saying so.
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

    private final Platform platform;
    private volatile DeclarationTable table;

    static {
        org.cffi4j.internal.decl.FfiTables.register(FFI::table);
    }

    private final InitOnce onces = new InitOnce();
    private String module;
    private String source;
    private SourceOptions sourceOptions;
    private volatile boolean lastCompileCompiled;
    // The declarations the last compile() started from, and the completed ones it made.
    private DeclarationTable compiledFrom;
    private DeclarationTable compiledTo;

    /**
     * Creates an FFI that knows only C's predefined types ({@code int}, {@code size_t}, {@code int32_t}...):
     * declare the rest with {@link #cdef(String)}.
     *
     * @throws FFIException on a platform whose C ABI cffi4j has no description of (see {@link
     *     Platform}): every layout there would be a guess
     */
    public FFI() {
        this(Platform.current());
    }

    /**
     * Creates an FFI that lays out C types as {@code platform}'s C compiler does: {@code sizeof},
     * {@code alignof}, {@code offsetof}, {@code typeOf}, {@code layout} and the constants answer for
     * that platform, whichever this JVM runs on. Only an FFI of the running platform ({@link
     * Platform#isCurrent()}) loads libraries, calls functions and allocates C data.
     *
     * {@snippet :
     * FFI win = new FFI(Platform.named("x86_64-windows"));
     * win.cdef("struct s { char c; long l; };");
     * win.sizeof("struct s");   // 8: long is 4 bytes there
     * }
     *
     * @param platform the platform whose C ABI to follow
     * @throws FFIException if {@code platform} is null
     */
    public FFI(Platform platform) {
        if (platform == null) {
            throw new FFIException(
                    "new FFI(platform) needs a Platform (Platform.current() or Platform.named), not null");
        }
        this.platform = platform;
        this.table = new DeclarationTable(platform.abi());
    }

    /**
     * The platform whose C ABI this FFI follows.
     *
     * @return the platform given to the constructor, or the running one
     */
    public Platform platform() {
        return platform;
    }

    /**
     * Parses C declarations and adds them to this FFI, as including a header does: anything a C header
     * declares, including the {@code gcc -E} output of real headers, {@code #define NAME <integer
     * constant>}, and CFFI's {@code ...} placeholders. Declarations accumulate over several calls.
     *
     * {@snippet :
     * FFI ffi = new FFI();
     * ffi.cdef("""
     *     struct point { int x, y; };
     *     size_t strlen(const char *s);
     *     """);
     * ffi.sizeof("struct point");   // 8
     * }
     *
     * @param source the C declarations
     * @throws CDefException if the declarations are not valid C, with the location, the source line
     *     and what was expected; this FFI is then left unchanged
     */
    public void cdef(String source) {
        cdef(source, CdefOptions.defaults());
    }

    /**
     * Parses C declarations with options ({@link CdefOptions#packed()}, {@link CdefOptions#pack(int)},
     * {@link CdefOptions#override()}) and adds them to this FFI, as a header under {@code #pragma pack}
     * or {@code __attribute__((packed))} would.
     *
     * {@snippet :
     * ffi.cdef("struct wire { char tag; int value; };", CdefOptions.packed());
     * ffi.sizeof("struct wire");    // 5
     * }
     *
     * @param source the C declarations
     * @param options how to lay out and merge the declarations
     * @throws CDefException if the declarations are not valid C or an argument is null; this FFI is
     *     then left unchanged
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
     * C's {@code sizeof} of a type name, e.g. {@code sizeof("struct tm")}.
     *
     * @param ctype a C type name, e.g. {@code "struct point"} or {@code "int[4]"}
     * @return the size in bytes
     * @throws CDefException if the type name cannot be parsed
     * @throws FFIException if the type has no size (incomplete, void, or only API mode can tell)
     */
    public long sizeof(String ctype) {
        return typeOf(ctype).byteSize();
    }

    /**
     * C's {@code _Alignof} of a type name.
     *
     * @param ctype a C type name
     * @return the alignment in bytes
     * @throws CDefException if the type name cannot be parsed
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
     * @param ctype a C type name
     * @return the layout, a {@code StructLayout} for a struct, a {@code SequenceLayout} for an array
     * @throws CDefException if the type name cannot be parsed
     * @throws FFIException if the type is not declared or has no known layout
     */
    public MemoryLayout layout(String ctype) {
        MemoryLayout l = NativeLayouts.inMemory(typeOf(ctype));
        java.nio.ByteOrder order = platform.abi().byteOrder();
        return order == java.nio.ByteOrder.nativeOrder() ? l : org.cffi4j.internal.call.ByteOrders.withOrder(l, order);
    }

    /**
     * A typed view of a struct or union: an implementation of {@code iface}, an interface of
     * accessors named as the members, {@code int x()} reading {@code p->x} and {@code void x(int v)}
     * writing it, as fast as a {@code VarHandle} of {@link #layout} (each method calls one at a
     * constant offset). Each accessor takes the member's own Java type, as {@link Library#bind}
     * does for a C function's: the primitive of the same width for a number, an enum or a bitfield
     * ({@code int} for {@code int} and {@code unsigned int}, {@code boolean} for {@code _Bool}),
     * {@code MemorySegment} for a pointer, and for a struct or union member a getter returning
     * another view interface. The interface is checked against the members once per struct type;
     * every method that does not fit is listed, with the member's C type and the Java type it
     * takes. Writes to a bitfield are checked against its width; other writes store the value's
     * bits, as raw FFM does. A view holds the memory, not a copy: using it after the memory is
     * released is an {@link FFIException}.
     *
     * {@snippet :
     * public interface Point {
     *     int x();           // p->x
     *     void x(int v);     // p->x = v;
     *     int y();
     * }
     * CData p = ffi.alloc("struct point *", Map.of("x", 1, "y", 2));
     * Point pt = ffi.view(Point.class, p);
     * pt.x(pt.x() + pt.y()); // p->x += p->y;
     * }
     *
     * @param <T> the interface type
     * @param iface the interface of accessors
     * @param struct a cdata of a struct or union, or a pointer to one
     * @return the view
     * @throws FFIException if an argument is null, the cdata is not a struct, a union or a non-NULL
     *     pointer to one, or a method of the interface does not fit a member (the message says which
     *     and why)
     */
    public <T> T view(Class<T> iface, CData struct) {
        if (iface == null) {
            throw new FFIException("view needs an interface of accessors, not null");
        }
        if (struct == null) {
            throw new FFIException("view(" + iface.getSimpleName()
                    + ") needs a cdata of a struct or union, or a pointer" + " to one, not null");
        }
        return StructViews.view(iface, struct.ctype(), struct::segment);
    }

    /**
     * C's {@code offsetof} of a member path: field names, and array indices as decimal strings, e.g.
     * {@code offsetof("struct a", "b", "c")} or {@code offsetof("struct s", "arr", "3")}. Members of
     * anonymous struct and union members are reached directly, as in C.
     *
     * @param ctype a struct or union type name
     * @param fieldPath the member names and array indices, outermost first
     * @return the offset in bytes from the start of the type
     * @throws CDefException if the type name cannot be parsed
     * @throws FFIException if a name is not a member, an index is applied to a non-array, or the
     *     member is a bitfield
     */
    public long offsetof(String ctype, String... fieldPath) {
        return MemberPath.offset(typeOf(ctype), "offsetof('" + ctype + "')", fieldPath);
    }

    /**
     * The C type named by a type name, as a cast or {@code sizeof} reads it: {@code "int(*)[5]"},
     * {@code "struct point"}, a typedef name, {@code "const char *"}. Naming a type never declares one.
     *
     * @param ctype a C type name
     * @return the type, which prints itself in C syntax
     * @throws CDefException if the text is not a C type name
     * @throws FFIException if {@code ctype} is null
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
     *
     * @param ctype a C type name
     * @param extra the declarator text to insert, or null or empty for none
     * @return the C type name
     * @throws CDefException if {@code ctype} is not a C type name
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
     * The value of an enum constant, an integer {@code #define} or a {@code static const} integer, as
     * the C compiler would substitute it. Unsigned 64-bit values come back as two's complement.
     *
     * @param name the constant's name
     * @return the value
     * @throws FFIException if no such constant is declared (the message suggests the nearest declared
     *     name), or only API mode can tell its value
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
     * The declared type names, as CFFI's {@code list_types}: the typedef names, then the struct and
     * union types ({@code struct tm}, {@code union sigval}), each group sorted.
     *
     * @return the names, a new list
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
     * Makes the declarations of {@code other} usable here, as CFFI's include (or C's
     * {@code #include} of another header): its types, functions and constants. A declaration that
     * conflicts with one of this FFI is an error, and nothing is included then; so is including an
     * FFI into itself, as in CFFI.
     *
     * @param other the FFI whose declarations to include
     * @throws FFIException if {@code other} is null or this FFI, or one of its declarations conflicts
     *     with one of this FFI
     */
    public synchronized void include(FFI other) {
        if (other == null || other == this) {
            throw new FFIException(
                    "ffi.include needs another FFI, not " + (other == null ? "null" : "this FFI itself"));
        }
        if (!other.platform.equals(platform)) {
            throw new FFIException("ffi.include: the other FFI lays out types for " + other.platform + ", this one for "
                    + platform + "; declarations of two platforms cannot be mixed");
        }
        DeclarationTable work = table.fork();
        work.include(other.table);
        table = work;
    }

    /**
     * C's {@code dlopen}: loads a C library by a short name ({@code "z"}, {@code "sqlite3"},
     * {@code "m"}) found as {@code ctypes.util.find_library} would, a file name or a path; {@code null}
     * for the C runtime (libc, libm and what the process has loaded). Uses {@link #RTLD_NOW}.
     *
     * {@snippet :
     * Library libc = ffi.dlopen(null);         // the C runtime
     * libc.call("strlen", "hello");            // 5L
     * try (Library z = ffi.dlopen("z")) {      // zlib, found as -lz finds it; closed after the block
     *     // ...
     * }
     * }
     *
     * @param nameOrPath the library, or null for the C runtime
     * @return the library, whose functions and globals are those declared in this FFI's cdef
     * @throws FFIException if the library cannot be loaded: the message lists every place tried, in
     *     order, and the loader's message
     */
    public Library dlopen(String nameOrPath) {
        return dlopen(nameOrPath, RTLD_NOW);
    }

    /**
     * C's {@code dlopen} with flags ({@link #RTLD_LAZY}, {@link #RTLD_GLOBAL}...); one of
     * {@link #RTLD_NOW} and {@link #RTLD_LAZY} is added if neither is given, as CFFI does.
     *
     * {@snippet :
     * Library z = ffi.dlopen("z", FFI.RTLD_NOW | FFI.RTLD_GLOBAL);
     * }
     *
     * @param nameOrPath the library as for {@link #dlopen(String)}, or null for the C runtime
     * @param flags the {@code RTLD_*} flags, or'ed together
     * @return the library
     * @throws FFIException if the name contains a NUL character, or the library cannot be loaded (the
     *     message lists every place tried)
     */
    public Library dlopen(String nameOrPath, int flags) {
        requireRunningPlatform("ffi.dlopen");
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
     * CFFI's {@code ffi.new}, C's {@code calloc}: zero-filled native memory for a pointer type
     * ({@code "struct point *"}: one struct) or an array type ({@code "int[10]"}, or {@code "int[]"}
     * with a length or an initialiser). The cdata owns the memory: it is freed when no cdata pointing
     * into it is reachable, or at {@link #release}.
     *
     * {@snippet :
     * CData p = ffi.alloc("struct point *");    // struct point *p = calloc(1, sizeof *p);
     * CData buf = ffi.alloc("char[64]");        // char buf[64] = {0};
     * }
     *
     * @param ctype a pointer or array type name
     * @return a pointer to the new memory (for a pointer type) or the array (for an array type)
     * @throws CDefException if the type name cannot be parsed
     * @throws FFIException if the type is neither a pointer nor an array, points to or holds a type of
     *     unknown size, or is {@code T[]} without a length
     */
    public CData alloc(String ctype) {
        requireRunningPlatform("ffi.alloc");
        return Allocations.alloc(typeOf(ctype), ctype, null);
    }

    /**
     * {@link #alloc(String)} with an initialiser, as C's {@code T x = {...};}: a number, a String
     * (char arrays), a Java array or List (arrays), a Map of member names or a positional List
     * (structs), nested as needed; or, for {@code "T[]"}, an Integer length.
     *
     * {@snippet :
     * CData p = ffi.alloc("struct point *", Map.of("x", 1, "y", 2));   // *p is {.x = 1, .y = 2}
     * CData xs = ffi.alloc("int[]", new int[] {3, 1, 2});              // int xs[] = {3, 1, 2};
     * CData s = ffi.alloc("char[]", "hello");                          // char s[] = "hello"; (6 items)
     * CData zeros = ffi.alloc("int[]", 10);                            // int zeros[10] = {0};
     * }
     *
     * @param ctype a pointer or array type name
     * @param init the initial value, converted with range checks
     * @return a pointer to the new memory (for a pointer type) or the array (for an array type)
     * @throws CDefException if the type name cannot be parsed
     * @throws FFIException if the type cannot be allocated, or the initialiser does not convert (the
     *     message names the member or item and the C type)
     */
    public CData alloc(String ctype, Object init) {
        requireRunningPlatform("ffi.alloc");
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
     * {@snippet :
     * ffi.cdef("void *malloc(size_t size); void free(void *p);");
     * Library libc = ffi.dlopen(null);
     * Allocator mallocs = ffi.newAllocator(libc.function("malloc"), libc.function("free"), false);
     * CData block = mallocs.alloc("char[]", 1 << 20);   // malloc'ed, not cleared; freed by free()
     * }
     *
     * @param alloc the allocation function, or null for cffi4j's own
     * @param free the function that frees a block, or null to never free
     * @param clearAfterAlloc whether to zero each block, as {@code ffi.alloc} does; blocks from cffi4j's
     *     own allocation are always zero
     * @return the allocator
     * @throws FFIException if a function is of none of these kinds, or free is given without alloc
     */
    public Allocator newAllocator(Object alloc, Object free, boolean clearAfterAlloc) {
        requireRunningPlatform("ffi.newAllocator");
        return new Allocator(this, alloc, free, clearAfterAlloc);
    }

    /**
     * CFFI's {@code ffi.init_once}, C's {@code pthread_once} with a result: runs {@code initialiser}
     * once for {@code tag} in this FFI, however many threads call at the same time, and returns its
     * result to every caller (the later ones wait for the first). If it throws, the exception goes to
     * its caller and the next call runs it again.
     *
     * {@snippet :
     * ffi.initOnce(() -> "initialised", "setup");   // "initialised"
     * ffi.initOnce(() -> "again", "setup");         // "initialised": the tag is done
     * }
     *
     * @param <T> the type of the result
     * @param initialiser the code to run once
     * @param tag what identifies the initialisation (compared with {@code equals})
     * @return the result of the initialiser's one successful run
     * @throws FFIException if an argument is null, or the initialiser calls initOnce with its own tag
     */
    public <T> T initOnce(java.util.function.Supplier<T> initialiser, Object tag) {
        return onces.run(initialiser, tag);
    }

    /**
     * A scope whose allocations are all freed when it closes, as memory on the C stack is at the end
     * of a block.
     *
     * {@snippet :
     * try (Scope scope = ffi.scope()) {
     *     CData buf = scope.alloc("char[64]");
     *     // ... use buf
     * }   // buf is freed here
     * }
     *
     * @return a new, open scope
     */
    public Scope scope() {
        return new Scope(this);
    }

    /**
     * C's {@code free} for memory cffi4j owns: frees the memory of a cdata made by {@link #alloc} (or
     * runs the destructor of {@link #gc}) now; any later use of it, or of pointers into it, is an
     * {@link FFIException}. Releasing twice does nothing. An access in flight on another thread, or a
     * C call that was given the memory, keeps it until it ends: the release never frees memory under a
     * use.
     *
     * @param cdata the cdata that owns the memory
     * @throws FFIException if {@code cdata} is null
     */
    public void release(CData cdata) {
        CDataFunctions.release(cdata(cdata, "ffi.release"));
    }

    /**
     * A C cast: {@code cast("short", 70000)} wraps as C does; {@code cast("char *", p)} reinterprets
     * a pointer; {@code cast("intptr_t", p)} gives its address. A cast to a number type gives a cdata
     * that carries its C type (to force the type of a variadic argument).
     *
     * {@snippet :
     * ffi.cast("short", 70000);                     // <cdata 'short' 4464>
     * ffi.cast("short", 70000).longValue();         // 4464
     * CData bytes = ffi.cast("unsigned char *", p); // (unsigned char *) p
     * long address = ffi.cast("intptr_t", p).longValue();
     * }
     *
     * @param ctype the C type name to cast to, a number, enum or pointer type
     * @param value a Java number, boolean or character, or a cdata (a pointer, an array, a number)
     * @return the value as a cdata of {@code ctype}
     * @throws CDefException if the type name cannot be parsed
     * @throws FFIException if C cannot cast the value to the type (to a struct, a pointer to a float...)
     */
    public CData cast(String ctype, Object value) {
        requireRunningPlatform("ffi.cast");
        return org.cffi4j.internal.convert.CastValues.cast(typeOf(ctype), value);
    }

    /**
     * The C string a {@code char *} or {@code char[]} designates, read up to its NUL as UTF-8 (one of
     * 2- or 4-byte items, {@code char16_t}, {@code char32_t} or {@code wchar_t}, as UTF-16 or UTF-32);
     * for a number cdata of a character type, that character; for an enum value, its name.
     *
     * {@snippet :
     * CData s = ffi.alloc("char[]", "hello");
     * ffi.string(s);                  // "hello"
     * }
     *
     * @param cdata a string pointer or array, a character, or an enum value
     * @return the string
     * @throws FFIException if the cdata is null, a NULL pointer, or not a pointer or array of 1-, 2- or
     *     4-byte integers (nor a character or an enum value)
     */
    public String string(CData cdata) {
        return CDataFunctions.string(cdata(cdata, "ffi.string"), -1);
    }

    /**
     * {@link #string(CData)} reading at most {@code maxlen} characters, as {@code strnlen} bounds
     * the read.
     *
     * {@snippet :
     * ffi.string(ffi.alloc("char[]", "hello"), 4);   // "hell"
     * }
     *
     * @param cdata a string pointer or array
     * @param maxlen the most characters to read
     * @return the string, cut at the NUL or at {@code maxlen} characters
     * @throws FFIException if the cdata is null, a NULL pointer, or not a pointer or array of 1-, 2- or
     *     4-byte integers (nor a character or an enum value)
     */
    public String string(CData cdata, int maxlen) {
        return CDataFunctions.string(cdata(cdata, "ffi.string"), maxlen);
    }

    /**
     * The first {@code n} items of a pointer or array as a Java array ({@code int[]}, {@code byte[]},
     * ... or {@code Object[]}), as {@code memcpy} into a Java array.
     *
     * @param cdata a pointer or array
     * @param n the number of items to read
     * @return a new Java array of the items
     * @throws FFIException if the cdata is null, not a pointer or array, or NULL, or if it is an array
     *     or points into a block cffi4j allocated and has fewer than {@code n} items there
     */
    public Object unpack(CData cdata, int n) {
        return CDataFunctions.unpack(cdata(cdata, "ffi.unpack"), n);
    }

    /**
     * The memory of a cdata as a ByteBuffer in native byte order (no copy); for memory cffi4j owns,
     * over {@link CData#segment()}: unusable (IllegalStateException) once the memory is released.
     *
     * @param cdata a pointer (over one item, or the block cffi4j allocated), an array, a struct or a union
     * @return a buffer over the cdata's memory
     * @throws FFIException if the cdata is null, a number or a NULL pointer, its memory was released,
     *     or it is larger than a ByteBuffer holds
     */
    public java.nio.ByteBuffer buffer(CData cdata) {
        return CDataFunctions.buffer(cdata(cdata, "ffi.buffer"), -1);
    }

    /**
     * The first {@code size} bytes a cdata designates as a ByteBuffer (no copy).
     *
     * @param cdata a pointer, an array or a struct
     * @param size the number of bytes
     * @return a buffer over those bytes
     * @throws FFIException if the cdata is null, a number or a NULL pointer, or the size is negative
     *     or past the end of the block or array
     */
    public java.nio.ByteBuffer buffer(CData cdata, long size) {
        if (size < 0) {
            throw new FFIException("ffi.buffer: the size is negative (" + size + ")");
        }
        return CDataFunctions.buffer(cdata(cdata, "ffi.buffer"), size);
    }

    /**
     * A cdata of a pointer or array type over existing memory: a native MemorySegment or direct
     * ByteBuffer (no copy), or a byte[] (copied into native memory, since a Java array can move).
     *
     * @param ctype a pointer or array type name, e.g. {@code "char[]"}
     * @param buffer the memory
     * @return a cdata over the memory
     * @throws CDefException if the type name cannot be parsed
     * @throws FFIException if the type is not a pointer or array, or the buffer is of another kind
     */
    public CData fromBuffer(String ctype, Object buffer) {
        requireRunningPlatform("ffi.fromBuffer");
        return CDataFunctions.fromBuffer(typeOf(ctype), ctype, buffer);
    }

    /**
     * C's {@code memmove}: copies {@code n} bytes between cdata, MemorySegments, byte[] or
     * ByteBuffers; overlapping ranges are fine.
     *
     * @param dst where to copy to
     * @param src where to copy from
     * @param n the number of bytes
     * @throws FFIException if an argument is null or of another kind, {@code n} is negative, or a
     *     range is past the end of its memory
     */
    public void memmove(Object dst, Object src, long n) {
        CDataFunctions.memmove(dst, src, n);
    }

    /**
     * C's {@code &}: {@code &s} or {@code &s.a.b[2]}, a pointer to a struct, array or one of its
     * members.
     *
     * {@snippet :
     * CData p = ffi.alloc("struct point *");
     * CData y = ffi.addressof(p, "y");   // &p->y, an 'int *'
     * }
     *
     * @param cdata a struct, union or array; or, with a member path, a pointer to a struct or union
     * @param fieldPath the member names and array indices, outermost first; none for the cdata itself
     * @return the pointer
     * @throws FFIException if the cdata or the path is null, the cdata is of another type, or a name or
     *     index is not in the type
     */
    public CData addressof(CData cdata, String... fieldPath) {
        if (fieldPath == null) {
            throw new FFIException(
                    "ffi.addressof: the member path is member names and indices such as \"a\", \"3\", not null");
        }
        return CDataFunctions.addressof(cdata(cdata, "ffi.addressof"), fieldPath);
    }

    /**
     * A cdata like {@code cdata} that calls {@code destructor} when it becomes unreachable or is
     * released, for memory C allocated and the user must free.
     *
     * @param cdata the pointer to watch
     * @param destructor what frees it, e.g. {@code p -> libc.call("free", p)}
     * @return a new cdata of the same type and address, which owns the destruction
     * @throws FFIException if an argument is null
     */
    public CData gc(CData cdata, java.util.function.Consumer<CData> destructor) {
        if (destructor == null) {
            throw new FFIException("ffi.gc needs a destructor (a Consumer<CData>), not null");
        }
        return CDataFunctions.gc(cdata(cdata, "ffi.gc"), destructor);
    }

    /**
     * C's {@code sizeof} of the value of a cdata (of an array: all its items).
     *
     * @param cdata the value
     * @return the size in bytes
     * @throws FFIException if the cdata is null or its type has no size
     */
    public long sizeof(CData cdata) {
        return cdata(cdata, "ffi.sizeof").ctype().byteSize();
    }

    /**
     * The C type of a cdata, as CFFI's {@code ffi.typeof(cdata)}.
     *
     * @param cdata the value
     * @return its C type
     * @throws FFIException if the cdata is null
     */
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
     *
     * {@snippet :
     * ffi.cdef("void qsort(void *base, size_t nmemb, size_t size, int (*compar)(const void *, const void *));");
     * interface Compare { int compare(MemorySegment a, MemorySegment b); }
     * CData numbers = ffi.alloc("int[]", new int[] {5, 3, 9, 1});
     * CData byValue = ffi.callback("int(*)(const void *, const void *)", (Compare) (a, b) ->
     *         Integer.compare(a.reinterpret(4).get(JAVA_INT, 0), b.reinterpret(4).get(JAVA_INT, 0)));
     * libc.call("qsort", numbers, 4L, 4L, byValue);
     * ffi.unpack(numbers, 4);   // [1, 3, 5, 9]
     * }
     *
     * @param fnPtrType a function pointer type name (or a function type)
     * @param javaFunction the Java function
     * @return the function pointer, a cdata of type {@code fnPtrType}
     * @throws CDefException if the type name cannot be parsed
     * @throws FFIException if the type is not a function type, or the Java function's signature does
     *     not match it (the message shows both)
     */
    public CData callback(String fnPtrType, Object javaFunction) {
        return callback(fnPtrType, javaFunction, null, null);
    }

    /**
     * {@link #callback(String, Object)} with the value C gets when the function throws, and the
     * handler that is told of the exception (null for the defaults: zero and a report on stderr).
     *
     * {@snippet :
     * CData safe = ffi.callback("int(*)(int)", (IntUnaryOperator) x -> 10 / x,
     *         -1, e -> System.err.println("callback failed: " + e));
     * safe.call(0);   // -1, after the handler saw the ArithmeticException
     * }
     *
     * @param fnPtrType a function pointer type name (or a function type)
     * @param javaFunction the Java function
     * @param errorValue what C gets if the function throws, converted to the return type; null for zero
     * @param onError what is told of the exception; null to print it on stderr
     * @return the function pointer, a cdata of type {@code fnPtrType}
     * @throws CDefException if the type name cannot be parsed
     * @throws FFIException if the type is not a function type, the Java function's signature does not
     *     match it, or the error value does not convert to the return type
     */
    public CData callback(
            String fnPtrType, Object javaFunction, Object errorValue, java.util.function.Consumer<Throwable> onError) {
        requireRunningPlatform("ffi.callback");
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

    /**
     * A {@code void *} standing for a Java object, for C's user-data pointers; see {@link #fromHandle}.
     * The handle lives while its cdata is reachable, or until {@link #release}: keep the cdata for as
     * long as C holds the pointer.
     *
     * @param object the Java object, or null
     * @return a {@code void *} cdata that {@link #fromHandle} turns back into {@code object}
     */
    public CData newHandle(Object object) {
        requireRunningPlatform("ffi.newHandle");
        return Handles.newHandle(object);
    }

    /**
     * The object a handle from {@link #newHandle} stands for, as C code casts its {@code void *}
     * user data back.
     *
     * @param handle a pointer C passed back, equal to one from {@link #newHandle}
     * @return the object
     * @throws FFIException if the pointer is not a live handle
     */
    public Object fromHandle(CData handle) {
        return Handles.fromHandle(handle);
    }

    /**
     * C's {@code errno} as the last C call this thread made through cffi4j left it (the JVM's own
     * code between the call and this read does not change it).
     *
     * @return the errno value
     */
    public int errno() {
        return Errno.get();
    }

    /**
     * Sets C's {@code errno} for the next C call of this thread.
     *
     * @param value the errno value
     */
    public void setErrno(int value) {
        Errno.set(value);
    }

    /**
     * API mode: the C source to compile with the declarations, typically the {@code #include}s of the
     * library's real headers, plus any helper C. See {@link #compile()}.
     *
     * {@snippet :
     * FFI zlib = new FFI();
     * zlib.cdef("""
     *     typedef unsigned long... uLong;
     *     #define Z_OK ...
     *     uLong compressBound(uLong sourceLen);
     *     """);
     * zlib.setSource("_example_zlib", "#include <zlib.h>", SourceOptions.libraries("z"));
     * Library lib = zlib.compile();
     * lib.call("compressBound", 1000L);   // 1013L
     * zlib.integerConst("Z_OK");          // 0
     * }
     *
     * @param moduleName the module's name, a C identifier (names the compiled library)
     * @param cSource the C source, possibly empty
     * @throws FFIException if the module name is not a C identifier, or the source is null
     */
    public void setSource(String moduleName, String cSource) {
        setSource(moduleName, cSource, SourceOptions.none());
    }

    /**
     * API mode with compiler and linker options, e.g. {@code SourceOptions.libraries("z")}: see
     * {@link #setSource(String, String)}.
     *
     * @param moduleName the module's name, a C identifier (names the compiled library)
     * @param cSource the C source, possibly empty
     * @param options the libraries to link, include directories, macros...
     * @throws FFIException if the module name is not a C identifier, or the source or options are null
     */
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
     * variable {@code CFFI4J_CACHE}, else {@code ~/.cache/cffi4j}: the same inputs compile once. See
     * {@link #setSource(String, String)} for an example.
     *
     * @return the compiled library: its functions and globals, and this FFI's declarations completed
     * @throws CompilationException if the compiler rejects the declarations (the message maps its
     *     errors to the cdef)
     * @throws FFIException if no C compiler is found, or no source was set
     */
    public synchronized Library compile() {
        requireRunningPlatform("ffi.compile");
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

    /**
     * Writes the C that {@link #compile()} compiles, for inspection.
     *
     * @param file the file to write
     * @throws FFIException if no source was set, or the file cannot be written
     */
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

    // Loading, calling and allocating happen on the running platform only: a foreign platform's FFI
    // lays types out, and its pointers and sizes mean nothing to this process's memory.
    private void requireRunningPlatform(String method) {
        if (!platform.isCurrent()) {
            throw new FFIException(method + ": this FFI lays out types for " + platform
                    + ", not for the platform this JVM runs on (" + Abi.runningPlatform()
                    + "); it answers sizeof, alignof, offsetof and constants, but cannot load libraries, call"
                    + " functions or allocate C data");
        }
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

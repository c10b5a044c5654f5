package org.cffi4j;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.ref.Reference;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.cffi4j.ctype.CType;
import org.cffi4j.ctype.FunctionType;
import org.cffi4j.ctype.PointerType;
import org.cffi4j.ctype.Qualifiers;
import org.cffi4j.internal.api.GeneratedNames;
import org.cffi4j.internal.bind.Binder;
import org.cffi4j.internal.call.Downcall;
import org.cffi4j.internal.call.VariadicDowncall;
import org.cffi4j.internal.convert.Values;
import org.cffi4j.internal.decl.Declaration;
import org.cffi4j.internal.lib.LibraryHandle;
import org.cffi4j.internal.memory.CDataAccess;
import org.cffi4j.internal.memory.Lifetime;
import org.cffi4j.internal.message.ApiModeOnly;
import org.cffi4j.internal.message.DidYouMean;
import org.cffi4j.internal.upcall.Upcalls;

/**
 * A loaded C library whose functions and globals are those declared in the {@link FFI}'s cdef.
 *
 * {@snippet :
 * ffi.cdef("unsigned long crc32(unsigned long crc, const unsigned char *buf, unsigned int len);");
 * try (Library z = ffi.dlopen("z")) {
 *     long crc = (Long) z.call("crc32", 0L, "hello".getBytes(), 5);
 * }
 * }
 */
public final class Library implements AutoCloseable {
    private final FFI ffi;
    private final String name;
    private final ConcurrentHashMap<String, CFunction> functions = new ConcurrentHashMap<>();
    private final Map<String, String> apiSymbols;
    private final Map<String, FunctionType> apiTypes;
    // API mode: each declared function's address as the module's loader resolved it (NULL: missing).
    private final Map<String, MemorySegment> apiAddresses;
    private final java.util.Set<String> apiByPointer;
    private final boolean apiMode;
    // Null once closed: the library is unmapped when nothing holds its handle any more.
    private volatile LibraryHandle library;
    // The scope of the cdata over the library's globals, which keeps it mapped; made on first use.
    private volatile Arena globals;

    Library(FFI ffi, String name, MemorySegment handle) {
        this(ffi, name, handle, null);
    }

    /**
     * A library of API mode: some functions are called through C wrappers of another type, and the
     * address of every function (not a macro) is known, NULL for those no linked library defines.
     */
    Library(FFI ffi, String name, MemorySegment handle, org.cffi4j.internal.api.ApiFunctions api) {
        this.ffi = ffi;
        this.name = name == null ? "the C runtime" : "'" + name + "'";
        this.library = new LibraryHandle(description(), handle);
        this.apiMode = api != null;
        this.apiSymbols = apiMode ? api.wrapperSymbols() : Map.of();
        this.apiTypes = apiMode ? api.wrapperTypes() : Map.of();
        this.apiAddresses = apiMode ? api.addresses() : Map.of();
        this.apiByPointer = apiMode ? api.byPointer() : java.util.Set.of();
    }

    /**
     * Calls a declared C function by name, converting each Java argument to its C parameter's type
     * and the result back (the conversion table of docs/SEMANTICS.md).
     *
     * {@snippet :
     * ffi.cdef("size_t strlen(const char *s); int abs(int j);");
     * Library libc = ffi.dlopen(null);
     * libc.call("abs", -42);          // 42 (an Integer)
     * libc.call("strlen", "hello");   // 5L (size_t: a Long)
     * }
     *
     * @param function the function's name, as declared in the cdef
     * @param args the arguments, one per C parameter (and any number for a variadic function's
     *     {@code ...})
     * @return the result as a Java value, {@code null} for {@code void}
     * @throws FFIException if the function is not declared (the message suggests the nearest declared
     *     name) or not in the library, an argument does not convert (the message names the argument
     *     and the C type), or the library is closed
     */
    public Object call(String function, Object... args) {
        return function(function).invoke(args);
    }

    /**
     * A declared C function of this library, looked up once and ready to call: what C's
     * {@code dlsym} gives, with its C type.
     *
     * {@snippet :
     * CFunction strlen = libc.function("strlen");
     * strlen.invoke("hello");   // 5L
     * }
     *
     * @param function the function's name, as declared in the cdef
     * @return the function
     * @throws FFIException if the function is not declared, is not a function, is not in the library
     *     (or, in ABI mode, is a {@code static inline} function), or the library is closed
     */
    public CFunction function(String function) {
        LibraryHandle h = open(named(function, "function"));
        // get first: computeIfAbsent is too large to inline, so its lambda would be allocated per call
        CFunction f = functions.get(function);
        if (f != null) {
            return f;
        }
        f = functions.computeIfAbsent(function, n -> link(h, n));
        if (library == null) {
            functions.clear(); // closed meanwhile: the table must not keep the library mapped
        }
        return f;
    }

    private CFunction link(LibraryHandle h, String fname) {
        Declaration d = ffi.table()
                .lookup(fname)
                .orElseThrow(() -> new FFIException("no function '" + fname + "' is declared in the cdef"
                        + DidYouMean.declared(fname, ffi.table().declarations(), Declaration.Function.class)));
        if (!(d instanceof Declaration.Function f)) {
            throw new FFIException("'" + fname + "' is not a function: it is declared as a "
                    + d.getClass().getSimpleName().toLowerCase());
        }
        requireDefined(fname);
        String symbol = apiSymbols.getOrDefault(fname, f.symbol());
        FunctionType type = apiTypes.getOrDefault(fname, f.type());
        if (f.hasBody() && !apiSymbols.containsKey(fname)) {
            throw new FFIException(
                    "'" + fname + "' is a static inline function (declared with a body): it has no symbol"
                            + " in a library, so ABI mode cannot call it; " + ApiModeOnly.API_MODE + " can");
        }
        MemorySegment address = symbol(h, symbol, "function '" + fname + "'");
        if (apiByPointer.contains(fname)) {
            Downcall wrapper = Downcall.of(fname, type, List.of(), address, h.openCheck(fname));
            return new CFunction(
                    fname, f.type(), org.cffi4j.internal.api.StructsByPointer.invoker(fname, f.type(), wrapper));
        }
        if (type.variadic()) {
            return new CFunction(fname, type, null, new VariadicDowncall(fname, type, address, h.openCheck(fname)));
        }
        return new CFunction(fname, type, Downcall.of(fname, type, List.of(), address, h.openCheck(fname)), null);
    }

    // API mode: a function the headers declare but no linked library defines fails here, not at load.
    private void requireDefined(String fname) {
        MemorySegment address = apiAddresses.get(fname);
        if (address != null && address.equals(MemorySegment.NULL)) {
            throw new FFIException("function '" + fname + "' is not in " + name + " or its libraries: the C source"
                    + " declares it, but none of the libraries linked defines it");
        }
    }

    private MemorySegment symbol(LibraryHandle h, String symbol, String what) {
        MemorySegment address = h.symbol(symbol);
        if (address.equals(MemorySegment.NULL)) {
            throw new FFIException(what + (what.endsWith(" '" + symbol + "'") ? "" : " (symbol '" + symbol + "')")
                    + " is not in " + name);
        }
        return address;
    }

    /**
     * An implementation of a Java interface whose methods are C functions of this library, matched
     * by name: {@code interface LibM { double cos(double x); }}. Each method's Java signature is
     * checked against the cdef declaration now. Methods whose Java types are the C types' own
     * (primitives of the same width, {@code MemorySegment} for pointers) or direct conversions of
     * them ({@code CData} for pointers and structs, {@code String} for {@code char *}) are called
     * through constant method handles that the JIT inlines down to the native call; methods with
     * boxed or {@code Object} types use the conversion table at each call; a variadic function binds
     * to a method whose last parameter is {@code Object...}. The implementation is a hidden class
     * wherever the interface comes from (class path, jshell, the source launcher, a child class
     * loader), except for a package of a named module that is not opened to {@code org.cffi4j}
     * (nor exported to it from a module cffi4j's class loader sees): its interfaces get a slower
     * {@code java.lang.reflect.Proxy} (add {@code opens com.example.app to org.cffi4j;} to that
     * module's {@code module-info.java}).
     *
     * {@snippet :
     * public interface LibC {
     *     long strlen(String s);   // size_t strlen(const char *s);
     *     int abs(int j);
     * }
     * LibC c = libc.bind(LibC.class);
     * c.abs(-42);        // 42
     * c.strlen("hello"); // 5
     * }
     *
     * @param <T> the interface type
     * @param iface the interface whose methods to implement
     * @return the implementation
     * @throws FFIException if a method has no C declaration, is not in the library, or its Java
     *     signature does not match (the message shows both), or the library is closed
     */
    public <T> T bind(Class<T> iface) {
        return bind(iface, new BindOption[0]);
    }

    /**
     * {@link #bind(Class)} with options for the typed methods: {@link BindOption#NO_ERRNO} (no errno
     * capture: as fast as a raw FFM downcall) or {@link BindOption#CRITICAL} (for functions that
     * neither block nor call back).
     *
     * {@snippet :
     * LibC fast = libc.bind(LibC.class, BindOption.NO_ERRNO);
     * }
     *
     * @param <T> the interface type
     * @param iface the interface whose methods to implement
     * @param options the options, none for {@link #bind(Class)}
     * @return the implementation
     * @throws FFIException if an argument is null, a method has no C declaration, is not in the
     *     library, or its Java signature does not match (the message shows both), or the library is
     *     closed
     */
    public <T> T bind(Class<T> iface, BindOption... options) {
        if (iface == null) {
            throw new FFIException("bind needs an interface, not null");
        }
        if (options == null || java.util.Arrays.asList(options).contains(null)) {
            throw new FFIException("the options of bind(" + iface.getName() + ") cannot be null");
        }
        open(iface.getName());
        java.util.Set<BindOption> set = options.length == 0
                ? java.util.EnumSet.noneOf(BindOption.class)
                : java.util.EnumSet.copyOf(java.util.Arrays.asList(options));
        return Binder.bind(
                iface,
                fname -> {
                    CFunction f = function(fname);
                    return new Binder.Linked(f.type(), f.downcall(), f::invoke);
                },
                set);
    }

    /**
     * Reads a C global: the value of a global variable, an enum constant or an integer
     * {@code #define}. A global array or struct comes back as a cdata over the library's memory; a
     * function's name gives its {@link CFunction}.
     *
     * {@snippet :
     * ffi.cdef("""
     *     extern int optind;
     *     #define BUFFER_SIZE 4096
     *     """);
     * libc.get("optind");        // 1 (an Integer)
     * libc.get("BUFFER_SIZE");   // 4096
     * }
     *
     * @param global the name of a global variable, constant or function
     * @return the value, as {@link CData#get(long)} reads it
     * @throws FFIException if the name is not declared (the message suggests the nearest declared
     *     name), is a type, or is not in the library; if the variable is thread-local in ABI mode; or if
     *     the library is closed
     */
    public Object get(String global) {
        LibraryHandle h = open(named(global, "global"));
        try {
            Declaration d = declared(
                    global, Declaration.Variable.class, Declaration.Constant.class, Declaration.Function.class);
            return switch (d) {
                case Declaration.Variable v
                when apiMode && ffi.table().isStaticConstant(global) -> staticConstant(h, v);
                case Declaration.Variable v -> Values.read(v.type(), variable(h, v), 0, Lifetime.UNOWNED);
                case Declaration.Constant c -> constant(c);
                case Declaration.Function f -> function(global);
                case Declaration.Typedef t -> throw new FFIException("'" + global + "' is a type, not a value");
            };
        } finally {
            Reference.reachabilityFence(h); // mapped until the read is done, even if closed meanwhile
        }
    }

    /**
     * Assigns a C global variable, converting the value to its C type with range checks:
     * {@code global = value;}.
     *
     * {@snippet :
     * libc.set("optind", 1);   // optind = 1;
     * }
     *
     * @param global the name of a global variable
     * @param value the new value
     * @throws FFIException if the name is not a declared variable or is declared {@code const}, the
     *     value does not convert (the message names the global and the C type), the variable is not in
     *     the library, or the library is closed
     */
    public void set(String global, Object value) {
        LibraryHandle h = open(named(global, "global"));
        Declaration d = declared(global, Declaration.Variable.class);
        if (!(d instanceof Declaration.Variable v)) {
            throw new FFIException("'" + global + "' is not a variable, so it cannot be assigned");
        }
        if ((v.qualifiers() & Qualifiers.CONST) != 0) {
            throw new FFIException("'" + global + "' is declared const, so it cannot be assigned");
        }
        try {
            Values.write(v.type(), variable(h, v), 0, value, "global '" + global + "'");
        } finally {
            Reference.reachabilityFence(h); // mapped until the write is done, even if closed meanwhile
        }
    }

    /**
     * C's {@code &global}: a pointer cdata to a global variable or function of this library.
     *
     * {@snippet :
     * CData p = libc.addressOf("optind");   // &optind, an 'int *'
     * p.get(0);                              // optind's value
     * }
     *
     * @param global the name of a global variable or function
     * @return the pointer, valid while the library is loaded
     * @throws FFIException if the name is not a variable or function (or, in API mode, is a
     *     {@code static const}), is not in the library, or the library is closed
     */
    public CData addressOf(String global) {
        LibraryHandle h = open(named(global, "global or function"));
        Declaration d = declared(global, Declaration.Variable.class, Declaration.Function.class);
        return switch (d) {
            case Declaration.Variable v
            when apiMode && ffi.table().isStaticConstant(global) ->
                throw new FFIException("'" + global + "' is declared 'static const': a constant, which has no"
                        + " address in API mode; read its value with lib.get(\"" + global + "\")");
            case Declaration.Variable v ->
                CDataAccess.door().create(new PointerType(v.type()), variable(h, v), Lifetime.UNOWNED);
            case Declaration.Function f -> {
                requireDefined(global);
                MemorySegment address = apiAddresses.get(global); // API mode: static functions too
                yield CDataAccess.door()
                        .create(
                                new PointerType(f.type()),
                                inLibrary(
                                        h,
                                        address != null ? address : symbol(h, f.symbol(), "function '" + global + "'"),
                                        0,
                                        global),
                                Lifetime.UNOWNED);
            }
            default -> throw new FFIException("'" + global + "' has no address: it is not a variable or a function");
        };
    }

    // The declaration of a global, function or constant; if there is none, the error suggests the
    // nearest declared name of the kinds the caller could use.
    @SafeVarargs
    private Declaration declared(String global, Class<? extends Declaration>... usable) {
        return ffi.table()
                .lookup(global)
                .orElseThrow(() -> new FFIException("'" + global + "' is not declared"
                        + DidYouMean.declared(global, ffi.table().declarations(), usable)));
    }

    // The library's memory at a global: the segment (and any cdata over it) keeps the library mapped.
    private MemorySegment variable(LibraryHandle h, Declaration.Variable v) {
        CType t = v.type();
        long size = t.isComplete() ? t.byteSize() : 0;
        if (apiMode) {
            return inLibrary(h, addressFromModule(h, v), size, v.name());
        }
        if (v.threadLocal()) {
            throw new FFIException(
                    "'" + v.name() + "' is thread-local (__thread): ABI mode cannot find it; API mode can");
        }
        return inLibrary(h, symbol(h, v.symbol(), "variable '" + v.name() + "'"), size, v.name());
    }

    private MemorySegment inLibrary(LibraryHandle h, MemorySegment address, long size, String use) {
        Arena scope = globals;
        if (scope == null) {
            synchronized (this) {
                if (library == null) {
                    throw LibraryHandle.closedError(use, description()); // closed meanwhile
                }
                scope = globals;
                if (scope == null) {
                    scope = h.globalsScope(); // made on first use: a library without globals needs none
                    globals = scope;
                }
            }
        }
        MemorySegment m = address.reinterpret(size, scope, null);
        Reference.reachabilityFence(h);
        return m;
    }

    // API mode: the module's C computes &global, on the calling thread (thread-locals included).
    private MemorySegment addressFromModule(LibraryHandle h, Declaration.Variable v) {
        CFunction f = moduleGetter(
                h, v, GeneratedNames.addressGetter(v.name()), ADDRESS_GETTER, "the address of '" + v.name() + "'");
        long address = ((CData) f.invoke()).address();
        if (address == 0) {
            throw new FFIException("variable '" + v.name() + "' is not defined by " + name + " or its libraries");
        }
        return MemorySegment.ofAddress(address);
    }

    // A function the API-mode module defines for a global (its address, or its value), made once.
    private CFunction moduleGetter(
            LibraryHandle h, Declaration.Variable v, String getter, FunctionType type, String what) {
        return functions.computeIfAbsent(
                getter,
                g -> new CFunction(
                        g, type, Downcall.of(g, type, List.of(), symbol(h, g, what), h.openCheck(v.name())), null));
    }

    // API mode: 'static const T X;' of any type, whose value the module's C computes (the source may
    // define X as a macro, or compute it by a call): a copy, owned by the returned value.
    private Object staticConstant(LibraryHandle h, Declaration.Variable v) {
        CFunction f = moduleGetter(
                h, v, GeneratedNames.valueGetter(v.name()), VALUE_GETTER, "the value of '" + v.name() + "'");
        MemorySegment block =
                org.cffi4j.internal.memory.Memory.allocate(Math.max(1, v.type().byteSize()));
        Lifetime owner = Lifetime.owning(block);
        f.invoke(CDataAccess.door().create(new PointerType(v.type()), block, owner));
        return Values.read(v.type(), block.reinterpret(v.type().byteSize()), 0, owner);
    }

    private static final FunctionType VALUE_GETTER = new FunctionType(
            org.cffi4j.ctype.VoidType.VOID,
            List.of(new org.cffi4j.ctype.Param("out", new PointerType(org.cffi4j.ctype.VoidType.VOID))),
            false);

    private static final FunctionType ADDRESS_GETTER =
            new FunctionType(new PointerType(org.cffi4j.ctype.VoidType.VOID), List.of(), false);

    private static Object constant(Declaration.Constant c) {
        if (c.apiMode()) {
            throw new FFIException(ApiModeOnly.constantValue(c.name()));
        }
        return c.value() == (int) c.value() ? (Object) (int) c.value() : (Object) c.value();
    }

    /**
     * Implements an {@code extern "Java"} function of API mode with a Java function (same rules as
     * {@link FFI#callback}): the C source can then call it. Until this is done, a call from C returns
     * zero and prints a warning.
     *
     * @param function the name of a function declared {@code extern "Java"} in the cdef
     * @param javaFunction the Java function, as for {@link FFI#callback(String, Object)}
     * @throws FFIException if the library is not from {@link FFI#compile()}, the name is not
     *     declared {@code extern "Java"}, the Java function's signature does not match, or the library
     *     is closed
     */
    public void defExtern(String function, Object javaFunction) {
        LibraryHandle h = open(named(function, "function"));
        if (!apiMode || !ffi.table().isExternJava(function)) {
            throw new FFIException("'" + function + "' is not declared extern \"Java\" in the cdef of an API-mode"
                    + " library " + ApiModeOnly.HOW);
        }
        Declaration.Function f =
                (Declaration.Function) ffi.table().lookup(function).orElseThrow();
        CData callback = Upcalls.callback(new PointerType(f.type()), javaFunction, null, null);
        String setterName = GeneratedNames.externJavaSetter(function);
        MemorySegment setter = symbol(h, setterName, "the setter of '" + function + "'");
        Downcall.of(setterName, SETTER_TYPE, List.of(), setter, h.openCheck(function))
                .invoke(new Object[] {callback});
        h.retain(callback); // keeps the stub alive as long as the library's code can call it
    }

    private static final FunctionType SETTER_TYPE = new FunctionType(
            org.cffi4j.ctype.VoidType.VOID,
            List.of(new org.cffi4j.ctype.Param("fp", new PointerType(org.cffi4j.ctype.VoidType.VOID))),
            false);

    /**
     * Closes the library ({@code dlclose}): every later call of its functions (through {@link
     * #call}, a {@link CFunction} or a bound interface) and every later use of its globals through
     * this object is an {@link FFIException}. Calls already running finish normally: the library is
     * unmapped only once no call can be running in it and nothing that could call it or read its
     * globals is reachable. Closing twice does nothing.
     */
    @Override
    public synchronized void close() {
        LibraryHandle h = library;
        if (h != null) {
            library = null;
            globals = null;
            functions.clear();
            h.close();
        }
    }

    // The library, if open; the error names what was used, so that it points at the call site's
    // function or global.
    private LibraryHandle open(String use) {
        LibraryHandle h = library;
        if (h == null) {
            throw LibraryHandle.closedError(use, description());
        }
        h.checkOpen(use);
        return h;
    }

    // The name of a function or global, which must not be null.
    private static String named(String name, String what) {
        if (name == null) {
            throw new FFIException("a " + what + " is named by a String, not null");
        }
        return name;
    }

    private String description() {
        return name.startsWith("'") ? "library " + name : name;
    }

    @Override
    public String toString() {
        return "<library " + name + (library == null ? " (closed)" : "") + ">";
    }
}

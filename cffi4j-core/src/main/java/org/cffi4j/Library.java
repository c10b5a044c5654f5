package org.cffi4j;

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.cffi4j.ctype.CType;
import org.cffi4j.ctype.FunctionType;
import org.cffi4j.ctype.PointerType;
import org.cffi4j.ctype.Qualifiers;
import org.cffi4j.internal.ffm.Binder;
import org.cffi4j.internal.ffm.CDataAccess;
import org.cffi4j.internal.ffm.Dl;
import org.cffi4j.internal.ffm.Downcall;
import org.cffi4j.internal.ffm.Lifetime;
import org.cffi4j.internal.ffm.Upcalls;
import org.cffi4j.internal.ffm.Values;
import org.cffi4j.internal.ffm.VariadicDowncall;
import org.cffi4j.internal.parse.Declaration;

/**
 * A loaded C library whose functions and globals are those declared in the {@link FFI}'s cdef.
 *
 * <pre>{@code
 * ffi.cdef("unsigned long crc32(unsigned long crc, const unsigned char *buf, unsigned int len);");
 * try (Library z = ffi.dlopen("z")) {
 *     long crc = (Long) z.call("crc32", 0L, "hello".getBytes(), 5);
 * }
 * }</pre>
 */
public final class Library implements AutoCloseable {
    private final FFI ffi;
    private final String name;
    private final MemorySegment handle;
    private final ConcurrentHashMap<String, CFunction> functions = new ConcurrentHashMap<>();
    private final Map<String, String> apiSymbols;
    private final Map<String, FunctionType> apiTypes;
    // API mode: each declared function's address as the module's loader resolved it (NULL: missing).
    private final Map<String, MemorySegment> apiAddresses;
    private final java.util.Set<String> apiByPointer;
    private final boolean apiMode;
    private final Map<String, CData> externs = new ConcurrentHashMap<>();
    private volatile boolean closed;

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
        this.handle = handle;
        this.apiMode = api != null;
        this.apiSymbols = apiMode ? api.wrapperSymbols() : Map.of();
        this.apiTypes = apiMode ? api.wrapperTypes() : Map.of();
        this.apiAddresses = apiMode ? api.addresses() : Map.of();
        this.apiByPointer = apiMode ? api.byPointer() : java.util.Set.of();
    }

    /**
     * Calls a declared function by name: {@code lib.call("strlen", "hello")}.
     *
     * @throws FFIException if the function is not declared or not in the library, or an argument
     *     does not convert
     */
    public Object call(String function, Object... args) {
        return function(function).invoke(args);
    }

    /** The declared function {@code function}, looked up once and ready to call. */
    public CFunction function(String function) {
        checkOpen(function);
        // get first: computeIfAbsent is too large to inline, so its lambda would be allocated per call
        CFunction f = functions.get(function);
        return f != null ? f : functions.computeIfAbsent(function, this::link);
    }

    private CFunction link(String fname) {
        Declaration d = ffi.table()
                .lookup(fname)
                .orElseThrow(() -> new FFIException("no function '" + fname + "' is declared in the cdef"));
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
                            + " in a library, so ABI mode cannot call it; API mode (ffi.setSource + ffi.compile) can");
        }
        MemorySegment address = symbol(symbol, "function '" + fname + "'");
        if (apiByPointer.contains(fname)) {
            Downcall wrapper = Downcall.of(fname, type, List.of(), address, () -> checkOpen(fname));
            return new CFunction(
                    fname, f.type(), org.cffi4j.internal.api.StructsByPointer.invoker(fname, f.type(), wrapper));
        }
        if (type.variadic()) {
            return new CFunction(fname, type, null, new VariadicDowncall(fname, type, address, () -> checkOpen(fname)));
        }
        return new CFunction(fname, type, Downcall.of(fname, type, List.of(), address, () -> checkOpen(fname)), null);
    }

    // API mode: a function the headers declare but no linked library defines fails here, not at load.
    private void requireDefined(String fname) {
        MemorySegment address = apiAddresses.get(fname);
        if (address != null && address.equals(MemorySegment.NULL)) {
            throw new FFIException("function '" + fname + "' is not in " + name + " or its libraries: the C source"
                    + " declares it, but none of the libraries linked defines it");
        }
    }

    private MemorySegment symbol(String symbol, String what) {
        MemorySegment address = Dl.symbol(handle, symbol);
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
     * to a method whose last parameter is {@code Object...}.
     *
     * @throws FFIException if a method has no C declaration, is not in the library, or its Java
     *     signature does not match (the message shows both)
     */
    public <T> T bind(Class<T> iface) {
        return bind(iface, new BindOption[0]);
    }

    /**
     * {@link #bind(Class)} with options for the typed methods: {@link BindOption#NO_ERRNO} (no errno
     * capture: as fast as a raw FFM downcall) or {@link BindOption#CRITICAL} (for functions that
     * neither block nor call back).
     */
    public <T> T bind(Class<T> iface, BindOption... options) {
        checkOpen(iface.getName());
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
     * The value of a global variable, an enum constant or an integer {@code #define}. A global array
     * or struct comes back as a cdata over the library's memory.
     */
    public Object get(String global) {
        checkOpen(global);
        Declaration d =
                ffi.table().lookup(global).orElseThrow(() -> new FFIException("'" + global + "' is not declared"));
        return switch (d) {
            case Declaration.Variable v when apiMode && ffi.table().isStaticConstant(global) -> staticConstant(v);
            case Declaration.Variable v -> Values.read(v.type(), variable(v), 0, Lifetime.UNOWNED);
            case Declaration.Constant c -> constant(c);
            case Declaration.Function f -> function(global);
            case Declaration.Typedef t -> throw new FFIException("'" + global + "' is a type, not a value");
        };
    }

    /** Assigns a global variable, converting the value to its C type. */
    public void set(String global, Object value) {
        checkOpen(global);
        Declaration d =
                ffi.table().lookup(global).orElseThrow(() -> new FFIException("'" + global + "' is not declared"));
        if (!(d instanceof Declaration.Variable v)) {
            throw new FFIException("'" + global + "' is not a variable, so it cannot be assigned");
        }
        if ((v.qualifiers() & Qualifiers.CONST) != 0) {
            throw new FFIException("'" + global + "' is declared const, so it cannot be assigned");
        }
        Values.write(v.type(), variable(v), 0, value, "global '" + global + "'");
    }

    /** {@code &global}: a pointer cdata to a global variable or function. */
    public CData addressOf(String global) {
        checkOpen(global);
        Declaration d =
                ffi.table().lookup(global).orElseThrow(() -> new FFIException("'" + global + "' is not declared"));
        return switch (d) {
            case Declaration.Variable v
            when apiMode && ffi.table().isStaticConstant(global) ->
                throw new FFIException("'" + global + "' is declared 'static const': a constant, which has no"
                        + " address in API mode; read its value with lib.get(\"" + global + "\")");
            case Declaration.Variable v ->
                CDataAccess.door().create(new PointerType(v.type()), variable(v), Lifetime.UNOWNED);
            case Declaration.Function f -> {
                requireDefined(global);
                MemorySegment address = apiAddresses.get(global); // API mode: static functions too
                yield CDataAccess.door()
                        .create(
                                new PointerType(f.type()),
                                address != null ? address : symbol(f.symbol(), "function '" + global + "'"),
                                Lifetime.UNOWNED);
            }
            default -> throw new FFIException("'" + global + "' has no address: it is not a variable or a function");
        };
    }

    private MemorySegment variable(Declaration.Variable v) {
        CType t = v.type();
        long size = t.isComplete() ? t.byteSize() : 0;
        if (apiMode) {
            return addressFromModule(v).reinterpret(size);
        }
        if (v.threadLocal()) {
            throw new FFIException(
                    "'" + v.name() + "' is thread-local (__thread): ABI mode cannot find it; API mode can");
        }
        return symbol(v.symbol(), "variable '" + v.name() + "'").reinterpret(size);
    }

    // API mode: the module's C computes &global, on the calling thread (thread-locals included).
    private MemorySegment addressFromModule(Declaration.Variable v) {
        String getter = "cffi4j_addr_" + v.name();
        CFunction f = functions.computeIfAbsent(
                getter,
                g -> new CFunction(
                        g,
                        ADDRESS_GETTER,
                        Downcall.of(
                                g,
                                ADDRESS_GETTER,
                                List.of(),
                                symbol(g, "the address of '" + v.name() + "'"),
                                () -> checkOpen(v.name())),
                        null));
        long address = ((CData) f.invoke()).address();
        if (address == 0) {
            throw new FFIException("variable '" + v.name() + "' is not defined by " + name + " or its libraries");
        }
        return MemorySegment.ofAddress(address);
    }

    // API mode: 'static const T X;' of any type, whose value the module's C computes (the source may
    // define X as a macro, or compute it by a call): a copy, owned by the returned value.
    private Object staticConstant(Declaration.Variable v) {
        String getter = "cffi4j_value_" + v.name();
        CFunction f = functions.computeIfAbsent(
                getter,
                g -> new CFunction(
                        g,
                        VALUE_GETTER,
                        Downcall.of(
                                g,
                                VALUE_GETTER,
                                List.of(),
                                symbol(g, "the value of '" + v.name() + "'"),
                                () -> checkOpen(v.name())),
                        null));
        MemorySegment block =
                org.cffi4j.internal.ffm.Memory.allocate(Math.max(1, v.type().byteSize()));
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
            throw new FFIException("'" + c.name() + "' is declared with '...': its value is known only in API mode");
        }
        return c.value() == (int) c.value() ? (Object) (int) c.value() : (Object) c.value();
    }

    /**
     * Implements an {@code extern "Java"} function of API mode with a Java function (same rules as
     * {@link FFI#callback}): the C source can then call it. Until this is done, a call from C returns
     * zero and prints a warning.
     *
     * @throws FFIException if the library is not from {@link FFI#compile()} or the name is not
     *     declared {@code extern "Java"}
     */
    public void defExtern(String function, Object javaFunction) {
        checkOpen(function);
        if (!apiMode || !ffi.table().isExternJava(function)) {
            throw new FFIException("'" + function + "' is not declared extern \"Java\" in the cdef of an API-mode"
                    + " library (ffi.setSource + ffi.compile)");
        }
        Declaration.Function f =
                (Declaration.Function) ffi.table().lookup(function).orElseThrow();
        CData callback = Upcalls.callback(new PointerType(f.type()), javaFunction, null, null);
        MemorySegment setter = symbol("cffi4j_set_" + function, "the setter of '" + function + "'");
        Downcall.of("cffi4j_set_" + function, SETTER_TYPE, List.of(), setter, () -> checkOpen(function))
                .invoke(new Object[] {callback});
        externs.put(function, callback); // keeps the stub alive as long as the library
    }

    private static final FunctionType SETTER_TYPE = new FunctionType(
            org.cffi4j.ctype.VoidType.VOID,
            List.of(new org.cffi4j.ctype.Param("fp", new PointerType(org.cffi4j.ctype.VoidType.VOID))),
            false);

    /** Closes the library (dlclose); later calls through it are errors. Closing twice does nothing. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            Dl.close(handle);
        }
    }

    // Names what was used, so that the message points at the call site's function or global.
    void checkOpen(String use) {
        if (closed) {
            throw new FFIException("'" + use + "' cannot be used: " + (name.startsWith("'") ? "library " + name : name)
                    + " is closed");
        }
    }

    @Override
    public String toString() {
        return "<library " + name + (closed ? " (closed)" : "") + ">";
    }
}

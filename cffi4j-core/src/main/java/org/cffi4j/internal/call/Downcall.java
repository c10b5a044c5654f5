package org.cffi4j.internal.call;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.util.List;
import org.cffi4j.CData;
import org.cffi4j.FFIException;
import org.cffi4j.ctype.CType;
import org.cffi4j.ctype.FunctionType;
import org.cffi4j.ctype.Param;
import org.cffi4j.ctype.StructType;
import org.cffi4j.ctype.VoidType;
import org.cffi4j.internal.convert.ArgConverter;
import org.cffi4j.internal.convert.ReturnConverter;
import org.cffi4j.internal.convert.StructReturns;
import org.cffi4j.internal.invoke.MethodLookup;
import org.cffi4j.internal.memory.CDataAccess;
import org.cffi4j.internal.memory.CallScope;
import org.cffi4j.internal.memory.Lifetime;

/**
 * One C function made callable with Java values: the FFM downcall handle (built once), the
 * argument converters of its parameter types, errno capture, and the conversion of the result.
 */
public final class Downcall {
    private static final Linker LINKER = Linker.nativeLinker();

    private final String name;
    private final FunctionType type;
    private final MemorySegment address;
    private final FunctionDescriptor descriptor;
    private final int firstVariadic;
    // Built on first use: each costs milliseconds in a fresh JVM (a new downcall shape, generated
    // classes), and many programs need only some of them. Racy but safe: a handle or an invoker is
    // immutable, and building one twice does no harm.
    private MethodHandle exact;
    private MethodHandle critical;
    private MethodHandle capturing;
    private CarrierInvoker spread;
    private CarrierInvoker spliced;
    private int generalCalls;

    // The first calls of a function take the general way, with the capturing handle called
    // generically: splicing the conversions into one handle costs tens of milliseconds in a fresh
    // JVM, which pays off only for a function called often.
    // The system property lets the tests splice from the second call, so both ways are exercised.
    private static final int SPLICE_AFTER = Integer.getInteger("cffi4j.spliceAfter", 100);
    private final ArgConverter[] converters;
    private final int[] keptParams; // the parameters that give C a cdata's memory: pointers
    private final boolean structReturn;
    private final Runnable openCheck;

    private Downcall(
            String name,
            FunctionType type,
            List<CType> argTypes,
            MemorySegment address,
            int firstVariadic,
            Runnable openCheck) {
        this.name = name;
        this.type = type;
        this.openCheck = openCheck;
        this.structReturn = type.returnType() instanceof StructType;
        this.converters = new ArgConverter[argTypes.size()];
        MemoryLayout[] layouts = new MemoryLayout[argTypes.size()];
        for (int i = 0; i < argTypes.size(); i++) {
            String where = "argument " + (i + 1) + " of '" + name + "'";
            converters[i] = new ArgConverter(argTypes.get(i), where);
            layouts[i] = layout(argTypes.get(i), where);
        }
        FunctionDescriptor fd = type.returnType() instanceof VoidType
                ? FunctionDescriptor.ofVoid(layouts)
                : FunctionDescriptor.of(layout(type.returnType(), "the return value of '" + name + "'"), layouts);
        int slots = slots(fd.argumentLayouts(), structReturn ? 2 : 1);
        if (slots > MAX_SLOTS) {
            throw new FFIException("cannot call '" + name + "' with " + argTypes.size() + " arguments: the JVM passes"
                    + " at most " + MAX_SLOTS + " slots of arguments to a downcall (a long or a double takes two), and"
                    + " this call needs " + slots);
        }
        // A struct passed by value is safe once converted (ArgConverter: Lifetime.valueMemory).
        this.keptParams = java.util.stream.IntStream.range(0, converters.length)
                .filter(i -> converters[i].type() instanceof org.cffi4j.ctype.PointerType)
                .toArray();
        this.address = address;
        this.descriptor = fd;
        this.firstVariadic = firstVariadic;
    }

    /** A downcall for a non-variadic function, or for the fixed part plus given extra argument types. */
    public static Downcall of(
            String name, FunctionType type, List<CType> extraTypes, MemorySegment address, Runnable openCheck) {
        List<CType> all = new java.util.ArrayList<>(
                type.params().stream().map(Param::type).toList());
        all.addAll(extraTypes);
        return new Downcall(
                name, type, all, address, type.variadic() ? type.params().size() : -1, openCheck);
    }

    /** " (int abs(int))" for a function's name; nothing for a function pointer's type. */
    static String declaration(String name, FunctionType type) {
        return name.chars().allMatch(c -> Character.isJavaIdentifierPart(c)) ? " (" + type.declare(name) + ")" : "";
    }

    /**
     * The JVM's limit on the parameters of a method handle: 255 slots, a long or a double taking two,
     * less one for the handle and one for its invoker.
     */
    public static final int MAX_SLOTS = 253;

    /** The slots the carriers of {@code layouts} take, plus {@code leading} leading ones. */
    public static int slots(java.util.Collection<MemoryLayout> layouts, int leading) {
        int n = leading;
        for (MemoryLayout l : layouts) {
            n += l instanceof java.lang.foreign.ValueLayout v
                            && (v.carrier() == long.class || v.carrier() == double.class)
                    ? 2
                    : 1;
        }
        return n;
    }

    private static MemoryLayout layout(CType t, String where) {
        try {
            return NativeLayouts.of(t);
        } catch (FFIException e) {
            throw new FFIException("cannot call through '" + t + "' (" + where + "): " + e.getMessage(), e);
        }
    }

    private static final MethodHandle TO_CARRIER;
    private static final MethodHandle FROM_CARRIER;

    static {
        java.lang.invoke.MethodHandles.Lookup l = java.lang.invoke.MethodHandles.lookup();
        TO_CARRIER = MethodLookup.findVirtual(
                l, ArgConverter.class, "toCarrier", MethodType.methodType(Object.class, Object.class, CallScope.class));
        FROM_CARRIER = MethodLookup.findStatic(
                l,
                ReturnConverter.class,
                "fromCarrier",
                MethodType.methodType(Object.class, CType.class, Object.class));
    }

    // (Object[] args)Object: the conversions spliced into one method handle, so a call allocates no
    // carrier array and no call scope; strings (and struct initialisers, in functions that take a
    // pointer) get scratch memory. A conversion that needs more (a Java array copied back after the
    // call) throws CallScope.NeedsScope before the call, and invoke() redoes the call the general way.
    private CarrierInvoker splicedInvoker() {
        MethodHandle h = structReturn
                ? java.lang.invoke.MethodHandles.insertArguments(capturingHandle(), 0, StructReturns.ALLOCATOR)
                : capturingHandle();
        h = ErrnoSupplier.supplyBuffer(h);
        // Scratch memory (and its reset after the call) only for pointer parameters, which take
        // strings; a struct passed from an initialiser rather than a cdata takes the general way.
        boolean scratch =
                java.util.Arrays.stream(converters).anyMatch(c -> c.type() instanceof org.cffi4j.ctype.PointerType);
        for (int i = 0; i < converters.length; i++) {
            MethodHandle convert = java.lang.invoke.MethodHandles.insertArguments(TO_CARRIER, 0, converters[i]);
            convert = java.lang.invoke.MethodHandles.insertArguments(
                    convert, 1, scratch ? CallScope.SCRATCH : CallScope.NONE);
            h = java.lang.invoke.MethodHandles.filterArguments(
                    h, i, convert.asType(MethodType.methodType(h.type().parameterType(i), Object.class)));
        }
        if (h.type().returnType() == void.class || ReturnConverter.returnsCarrier(type.returnType())) {
            h = h.asType(h.type().changeReturnType(Object.class)); // boxed as is; a void result becomes null
        } else {
            MethodHandle back = java.lang.invoke.MethodHandles.insertArguments(FROM_CARRIER, 0, type.returnType());
            h = java.lang.invoke.MethodHandles.filterReturnValue(
                    h, back.asType(MethodType.methodType(Object.class, h.type().returnType())));
        }
        if (scratch) {
            h = TypedAdapter.withScratchReset(h);
        }
        return CarrierInvoker.of(h.asSpreader(Object[].class, converters.length)
                .asType(MethodType.methodType(Object.class, Object[].class)));
    }

    /** The exact FFM method handle, with the carrier types of the linker (no conversion, no errno). */
    public MethodHandle handle() {
        MethodHandle h = exact;
        if (h == null) {
            h = link(
                    firstVariadic >= 0
                            ? new Linker.Option[] {Linker.Option.firstVariadicArg(firstVariadic)}
                            : new Linker.Option[0]);
            exact = h;
        }
        return h;
    }

    private MethodHandle link(Linker.Option... options) {
        return LINKER.downcallHandle(address, descriptor, options);
    }

    /**
     * The FFM handle that also captures errno: its leading parameters are a SegmentAllocator (for a
     * struct return) and the errno capture buffer, then the carriers.
     */
    MethodHandle capturingHandle() {
        MethodHandle h = capturing;
        if (h == null) {
            h = link(
                    firstVariadic >= 0
                            ? new Linker.Option[] {Linker.Option.firstVariadicArg(firstVariadic), Errno.CAPTURE}
                            : new Linker.Option[] {Errno.CAPTURE});
            h = Errno.restoring(h, structReturn ? 1 : 0); // ffi.setErrno reaches C right before the call
            capturing = h;
        }
        return h;
    }

    // (Object[] carriers)Object: the capturing handle called with an array of carriers.
    private CarrierInvoker spreadInvoker() {
        CarrierInvoker s = spread;
        if (s == null) {
            MethodHandle h = capturingHandle();
            s = CarrierInvoker.of(h.asSpreader(Object[].class, h.type().parameterCount())
                    .asType(MethodType.methodType(Object.class, Object[].class)));
            spread = s;
        }
        return s;
    }

    /** The library check run before each call (fails once the library is closed). */
    Runnable openCheck() {
        return openCheck;
    }

    /**
     * The handle with {@code Linker.Option.critical(false)}: no thread-state transition, for
     * functions that neither block nor call back (non-variadic functions only).
     */
    MethodHandle criticalHandle() {
        MethodHandle h = critical;
        if (h == null) {
            h = link(Linker.Option.critical(false));
            critical = h;
        }
        return h;
    }

    /** The function's C type. */
    public FunctionType type() {
        return type;
    }

    /**
     * Calls the function with Java values converted by the conversion table. The cdata arguments of
     * pointer parameters are kept for the call (see {@link CallArguments}), the first two without
     * allocating. The spliced handle reads them
     * again from the array: a caller changing the array during the call gets what it deserves, as
     * from Arrays.sort.
     */
    public Object invoke(Object[] args) {
        openCheck.run();
        if (args == null || args.length != converters.length) {
            throw arity(args);
        }
        CarrierInvoker s = spliced;
        if (s == null) {
            if (++generalCalls <= SPLICE_AFTER) {
                return invokeWithScope(args);
            }
            s = splicedInvoker();
            spliced = s;
        }
        int[] kept = keptParams;
        Lifetime a = kept.length > 0 ? enterArg(args, kept[0]) : null;
        Lifetime b = null;
        Lifetime[] more = null;
        Object result = null;
        Throwable failure = null;
        try {
            b = kept.length > 1 ? enterArg(args, kept[1]) : null;
            more = kept.length > 2 ? enterMore(args) : null;
            result = s.invoke(args);
        } catch (Throwable t) {
            failure = t;
        }
        exitArgs(a, b, more); // in one place rather than in a finally per way out: less code to inline
        return failure == null ? result : failed(failure, args);
    }

    // What a failed spliced call becomes: redone the general way if a conversion needs a call scope,
    // else its exception (an unchecked one as is).
    private Object failed(Throwable t, Object[] args) {
        if (t instanceof CallScope.NeedsScope) {
            return invokeWithScope(args);
        }
        if (t instanceof RuntimeException e) {
            throw e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new FFIException("call to '" + name + "' failed: " + t, t);
    }

    private FFIException arity(Object[] args) {
        return new FFIException("'" + name + "' takes " + converters.length + " argument"
                + (converters.length == 1 ? "" : "s") + declaration(name, type) + ", "
                + (args == null
                        ? "a null array given (for one NULL argument, pass (Object) null)"
                        : args.length + " given"));
    }

    // The cdata arguments past the first two kept ones.
    private Lifetime[] enterMore(Object[] args) {
        Lifetime[] entered = new Lifetime[keptParams.length];
        try {
            for (int k = 2; k < keptParams.length; k++) {
                entered[k] = enterArg(args, keptParams[k]);
            }
        } catch (RuntimeException | Error e) {
            exitArgs(null, null, entered);
            throw e;
        }
        return entered;
    }

    private static void exitArgs(Lifetime a, Lifetime b, Lifetime[] more) {
        if (more != null) {
            for (Lifetime c : more) {
                exitArg(c);
            }
        }
        exitArg(b);
        exitArg(a);
    }

    private Lifetime enterArg(Object[] args, int i) {
        if (args[i] instanceof CData c) {
            Lifetime lifetime = CDataAccess.door().lifetime(c);
            lifetime.enter(c, converters[i].where());
            return lifetime;
        }
        return null;
    }

    private static void exitArg(Lifetime lifetime) {
        if (lifetime != null) {
            lifetime.exit();
        }
    }

    // The general way: a call scope gives the conversions their temporary memory and copies Java
    // arrays back after the call.
    private Object invokeWithScope(Object[] arguments) {
        Object[] args = arguments.clone(); // what is kept for the call is what is converted
        CallArguments.enterAll(args, converters);
        try {
            return invokeWithScopeKept(args);
        } finally {
            CallArguments.exitAll(args);
        }
    }

    private Object invokeWithScopeKept(Object[] args) {
        int prefix = structReturn ? 2 : 1;
        Object[] carriers = new Object[converters.length + prefix];
        if (structReturn) {
            carriers[0] = StructReturns.ALLOCATOR;
        }
        carriers[prefix - 1] = Errno.buffer();
        try (CallScope scope = new CallScope()) {
            for (int i = 0; i < converters.length; i++) {
                carriers[i + prefix] = converters[i].toCarrier(args[i], scope);
            }
            Object result;
            try {
                // Until the function is spliced, no invoker is built for this way either.
                result = spliced != null
                        ? spreadInvoker().invoke(carriers)
                        : capturingHandle().invokeWithArguments(carriers);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new FFIException("call to '" + name + "' failed: " + t, t);
            }
            scope.finishCall();
            return ReturnConverter.fromCarrier(type.returnType(), result);
        }
    }
}

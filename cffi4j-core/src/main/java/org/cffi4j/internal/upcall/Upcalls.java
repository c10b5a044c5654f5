package org.cffi4j.internal.upcall;

import java.lang.foreign.AddressLayout;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.function.Consumer;
import org.cffi4j.CData;
import org.cffi4j.FFIException;
import org.cffi4j.ctype.CType;
import org.cffi4j.ctype.FunctionType;
import org.cffi4j.ctype.Param;
import org.cffi4j.ctype.PointerType;
import org.cffi4j.ctype.StructType;
import org.cffi4j.ctype.VoidType;
import org.cffi4j.internal.call.Downcall;
import org.cffi4j.internal.call.NativeLayouts;
import org.cffi4j.internal.convert.ArgConverter;
import org.cffi4j.internal.convert.Values;
import org.cffi4j.internal.invoke.MethodLookup;
import org.cffi4j.internal.memory.CDataAccess;
import org.cffi4j.internal.memory.Lifetime;

/**
 * Java functions as C function pointers (FFM upcall stubs). An exception thrown by the Java
 * function never reaches C, where it would kill the JVM: the stub's first Java frame is a guard
 * ({@link UpcallGuard}) that returns the callback's error value (zero by default) and hands the
 * exception to its error handler (by default printed with the C type, as CFFI does), even after a
 * {@code StackOverflowError} or an {@code OutOfMemoryError}. Pointers cross the stub as plain
 * addresses ({@code long}), so that the JDK's code before the guard allocates nothing for them.
 */
public final class Upcalls {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle OF_ADDRESS;
    private static final MethodHandle ADDRESS_OF;
    private static final java.util.concurrent.atomic.AtomicLong LIVE = new java.util.concurrent.atomic.AtomicLong();

    static {
        MethodHandles.Lookup l = MethodHandles.lookup();
        OF_ADDRESS = MethodLookup.findStatic(
                l, MemorySegment.class, "ofAddress", MethodType.methodType(MemorySegment.class, long.class));
        ADDRESS_OF = MethodLookup.findStatic(
                l, Upcalls.class, "addressOf", MethodType.methodType(long.class, MemorySegment.class));
    }

    private Upcalls() {}

    /**
     * A function pointer cdata of type {@code type} calling {@code fn}.
     *
     * @param fn a lambda of a functional interface matching the C signature, or a
     *     {@code java.util.function.Function<Object[], Object>} receiving converted arguments
     * @param errorValue what C gets back when {@code fn} throws (null: zero of the return type)
     * @param onError what is told of an exception thrown by {@code fn} (null: print it to stderr)
     */
    public static CData callback(PointerType type, Object fn, Object errorValue, Consumer<Throwable> onError) {
        if (!(type.target() instanceof FunctionType f)) {
            throw new FFIException("a callback needs a function pointer type, not '" + type + "'");
        }
        if (f.variadic()) {
            throw new FFIException("a callback cannot be variadic ('" + type + "')");
        }
        FunctionDescriptor descriptor = descriptor(f, type);
        int slots = Downcall.slots(addressesAsLongs(descriptor).argumentLayouts(), 1);
        if (slots > Downcall.MAX_SLOTS) {
            throw new FFIException("cannot make a callback of type '" + type + "': the JVM passes at most "
                    + Downcall.MAX_SLOTS + " slots of arguments to an upcall (a long or a double takes two), and it"
                    + " needs " + slots);
        }
        MethodHandle target = addressesAsLongs(UpcallTargets.of(type, f, fn), descriptor);
        Object error = errorCarrier(f, errorValue, target.type().returnType(), type);
        UpcallSink sink = new UpcallSink(target, error, errorValue, onError, "callback '" + type + "'");
        StackHeadroom.prepare();
        Arena arena = Arena.ofShared();
        MemorySegment stub = LINKER.upcallStub(UpcallGuard.guard(sink), addressesAsLongs(descriptor), arena);
        LIVE.incrementAndGet();
        return CDataAccess.door().create(type, stub, Lifetime.destructor(() -> free(arena, sink)));
    }

    /**
     * The upcall stub of a generated binding's callback: {@code target} (whose types are the
     * descriptor's carriers) behind the same guard as {@link #callback}: an exception gives C zero
     * and is printed with the callback's C type. The stub lives as long as {@code arena}.
     *
     * @param what what C calls, for the report: {@code callback 'int(*)(int)'}
     */
    public static MemorySegment stub(MethodHandle target, FunctionDescriptor descriptor, String what, Arena arena) {
        MethodHandle t = addressesAsLongs(target, descriptor);
        Object error = t.type().returnType() == long.class ? (Object) 0L : null;
        if (descriptor.returnLayout().orElse(null) instanceof java.lang.foreign.GroupLayout g) {
            error = Arena.ofAuto().allocate(g); // a zero-filled struct
        }
        UpcallSink sink = new UpcallSink(t, error, null, null, what);
        StackHeadroom.prepare();
        return LINKER.upcallStub(UpcallGuard.guard(sink), addressesAsLongs(descriptor), arena);
    }

    // At release or collection: an exception still waiting for its report gets it now.
    private static void free(Arena arena, UpcallSink sink) {
        arena.close();
        LIVE.decrementAndGet();
        sink.drainQuietly();
    }

    /** How many callbacks' upcall stubs exist now: made and not yet freed. */
    public static long liveStubs() {
        return LIVE.get();
    }

    /**
     * The linker's descriptor of a callback or embedded function of type {@code f}.
     *
     * @param where the type named in an error (the function pointer type, or the function's own)
     * @throws FFIException if a parameter or the result has no layout in ABI mode
     */
    public static FunctionDescriptor descriptor(FunctionType f, CType where) {
        MemoryLayout[] params =
                f.params().stream().map(Param::type).map(t -> layout(t, where)).toArray(MemoryLayout[]::new);
        return f.returnType() instanceof VoidType
                ? FunctionDescriptor.ofVoid(params)
                : FunctionDescriptor.of(layout(f.returnType(), where), params);
    }

    // Pointers as JAVA_LONG: the same registers on every 64-bit ABI, and no MemorySegment for the
    // JDK to allocate before the guard runs.
    private static FunctionDescriptor addressesAsLongs(FunctionDescriptor d) {
        MemoryLayout[] params = d.argumentLayouts().stream()
                .map(l -> l instanceof AddressLayout ? ValueLayout.JAVA_LONG : l)
                .toArray(MemoryLayout[]::new);
        return d.returnLayout()
                .map(r -> FunctionDescriptor.of(r instanceof AddressLayout ? ValueLayout.JAVA_LONG : r, params))
                .orElseGet(() -> FunctionDescriptor.ofVoid(params));
    }

    // The conversions between the addresses and MemorySegments, done inside the guard.
    private static MethodHandle addressesAsLongs(MethodHandle target, FunctionDescriptor d) {
        for (int i = 0; i < d.argumentLayouts().size(); i++) {
            if (d.argumentLayouts().get(i) instanceof AddressLayout) {
                target = MethodHandles.filterArguments(target, i, OF_ADDRESS);
            }
        }
        if (d.returnLayout().orElse(null) instanceof AddressLayout) {
            target = MethodHandles.filterReturnValue(target, ADDRESS_OF);
        }
        return target;
    }

    // A pointer a callback returns: null is NULL; memory that is not native has no address for C.
    private static long addressOf(MemorySegment m) {
        if (m == null) {
            return 0;
        }
        if (!m.isNative()) {
            throw new FFIException("a callback cannot return a heap MemorySegment as a C pointer: " + m);
        }
        return m.address();
    }

    private static MemoryLayout layout(CType t, CType where) {
        try {
            return NativeLayouts.of(t);
        } catch (FFIException e) {
            throw new FFIException("cannot make a callback of type '" + where + "': " + e.getMessage(), e);
        }
    }

    // What C gets when the Java function throws: the error value as the return type's carrier.
    private static Object errorCarrier(FunctionType f, Object errorValue, Class<?> carrier, PointerType type) {
        String where = "the error value of callback '" + type + "'";
        if (f.returnType() instanceof StructType s) {
            MemorySegment block = Arena.ofAuto().allocate(s.byteSize(), s.byteAlignment());
            if (errorValue != null) {
                Values.write(s, block, 0, errorValue, where);
            }
            return block;
        }
        if (f.returnType() instanceof VoidType) {
            return null;
        }
        if (errorValue != null) {
            Object c = new ArgConverter(f.returnType(), where).toCarrier(errorValue, null);
            return c instanceof MemorySegment m ? (Object) addressOf(m) : c;
        }
        return carrier == long.class ? (Object) 0L : null; // null: the zero of the carrier
    }
}

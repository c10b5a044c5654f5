package org.cffi4j.internal.ffm;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
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

/**
 * Java functions as C function pointers (FFM upcall stubs). An exception thrown by the Java
 * function never reaches C, where it would kill the JVM: the stub returns the callback's error value
 * (zero by default) and hands the exception to its error handler (by default printed with the C
 * type, as CFFI does).
 */
public final class Upcalls {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle REPORT;

    static {
        try {
            REPORT = MethodHandles.lookup()
                    .findStatic(
                            Upcalls.class,
                            "report",
                            MethodType.methodType(void.class, Consumer.class, Throwable.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
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
        MethodHandle target = UpcallTargets.of(type, f, fn);
        Consumer<Throwable> report = onError != null ? onError : t -> defaultReport(type, t);
        target = guard(target, f, errorValue, report, type);
        Arena arena = Arena.ofShared();
        MemorySegment stub = LINKER.upcallStub(target, descriptor(f, type), arena);
        return CDataAccess.door().create(type, stub, Lifetime.destructor(arena::close));
    }

    static FunctionDescriptor descriptor(FunctionType f, CType where) {
        MemoryLayout[] params =
                f.params().stream().map(Param::type).map(t -> layout(t, where)).toArray(MemoryLayout[]::new);
        return f.returnType() instanceof VoidType
                ? FunctionDescriptor.ofVoid(params)
                : FunctionDescriptor.of(layout(f.returnType(), where), params);
    }

    private static MemoryLayout layout(CType t, CType where) {
        try {
            return NativeLayouts.of(t);
        } catch (FFIException e) {
            throw new FFIException("cannot make a callback of type '" + where + "': " + e.getMessage(), e);
        }
    }

    // try { return target(args); } catch (Throwable t) { report(t); return errorValue; }
    private static MethodHandle guard(
            MethodHandle target, FunctionType f, Object errorValue, Consumer<Throwable> report, PointerType type) {
        MethodType mt = target.type();
        MethodHandle onError = REPORT.bindTo(report);
        if (mt.returnType() != void.class) {
            Object carrier = errorCarrier(f, errorValue, mt.returnType(), type);
            MethodHandle constant = MethodHandles.constant(mt.returnType(), carrier);
            onError = MethodHandles.filterReturnValue(onError, constant);
        }
        onError = MethodHandles.dropArguments(onError, 1, mt.parameterList());
        return MethodHandles.catchException(target, Throwable.class, onError);
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
        if (errorValue != null) {
            return new ArgConverter(f.returnType(), where).toCarrier(errorValue, null);
        }
        if (carrier == MemorySegment.class) {
            return MemorySegment.NULL;
        }
        try {
            return MethodHandles.zero(carrier).invoke();
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    // Never throws: an exception escaping into C would end the JVM.
    private static void report(Consumer<Throwable> handler, Throwable t) {
        try {
            handler.accept(t);
        } catch (Throwable again) {
            try {
                again.printStackTrace();
            } catch (Throwable ignored) {
                // nothing more can be done without risking the process
            }
        }
    }

    private static void defaultReport(PointerType type, Throwable t) {
        System.err.println("From cffi4j callback '" + type + "': " + t);
        t.printStackTrace();
    }
}

package org.cffi4j.internal.call;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import org.cffi4j.CData;
import org.cffi4j.ctype.CType;
import org.cffi4j.ctype.FunctionType;
import org.cffi4j.ctype.PointerType;
import org.cffi4j.ctype.StructType;
import org.cffi4j.internal.convert.StructReturns;
import org.cffi4j.internal.invoke.MethodLookup;
import org.cffi4j.internal.lib.LibraryHandle;
import org.cffi4j.internal.memory.ScratchStack;

/**
 * Builds the method handle of a typed bound method: the downcall with errno capture, its
 * conversions spliced in as argument and return filters, a scratch-memory mark and reset around
 * calls that pass strings, and the library's open check (free until the library is closed), all of it constant so that the JIT
 * inlines the whole chain down to the native call.
 */
public final class TypedAdapter {
    private static final MethodHandle RESET_VALUE;
    private static final MethodHandle RESET_VOID;

    static {
        MethodHandles.Lookup l = MethodHandles.lookup();
        RESET_VALUE = MethodLookup.findStatic(
                l,
                TypedAdapter.class,
                "resetValue",
                MethodType.methodType(Object.class, Throwable.class, Object.class, long.class));
        RESET_VOID = MethodLookup.findStatic(
                l, TypedAdapter.class, "resetVoid", MethodType.methodType(void.class, Throwable.class, long.class));
    }

    private TypedAdapter() {}

    /** The handle of bound method {@code m} calling {@code d} on the typed path, with the bind options. */
    public static MethodHandle adapt(Method m, String name, Downcall d, java.util.Set<org.cffi4j.BindOption> options) {
        FunctionType c = d.type();
        boolean critical = options.contains(org.cffi4j.BindOption.CRITICAL);
        boolean errno = !critical && !options.contains(org.cffi4j.BindOption.NO_ERRNO);
        MethodHandle h = critical ? d.criticalHandle() : errno ? d.capturingHandle() : d.handle();
        if (c.returnType() instanceof StructType) {
            h = MethodHandles.insertArguments(h, 0, StructReturns.ALLOCATOR);
        }
        if (errno) {
            h = ErrnoSupplier.supplyBuffer(h);
        }
        boolean scratch = false;
        Class<?>[] javaParams = m.getParameterTypes();
        java.util.List<Integer> cdataParams = new java.util.ArrayList<>();
        for (int i = 0; i < javaParams.length; i++) {
            CType ct = c.params().get(i).type();
            String where = "argument " + (i + 1) + " of '" + name + "'";
            if (javaParams[i] == String.class) {
                h = MethodHandles.filterArguments(h, i, BindFilters.STRING_ARG);
                scratch = true;
            } else if (javaParams[i] == CData.class) {
                cdataParams.add(i);
                h = MethodHandles.filterArguments(
                        h,
                        i,
                        ct instanceof StructType s
                                ? BindFilters.structArg(s, where)
                                : BindFilters.cdataArg((PointerType) ct, where));
            }
        }
        h = adaptReturn(h, c.returnType(), m.getReturnType());
        for (int i : cdataParams) {
            if (!(c.params().get(i).type() instanceof StructType)) { // a struct by value: BindFilters.structArg
                h = CallArguments.keep(h, i, "argument " + (i + 1) + " of '" + name + "'");
            }
        }
        if (scratch) {
            h = withScratchReset(h);
        }
        h = LibraryHandle.guardOpen(h, d.openCheck());
        return h.asType(MethodType.methodType(m.getReturnType(), javaParams));
    }

    private static MethodHandle adaptReturn(MethodHandle h, CType c, Class<?> j) {
        if (j == String.class) {
            return MethodHandles.filterReturnValue(h, BindFilters.STRING_RETURN);
        }
        if (j == CData.class) {
            return MethodHandles.filterReturnValue(
                    h,
                    c instanceof StructType s
                            ? BindFilters.structReturn(s)
                            : BindFilters.pointerReturn((PointerType) c));
        }
        return h;
    }

    // mark = ScratchStack.mark(); try { return h(args); } finally { ScratchStack.reset(mark); }
    static MethodHandle withScratchReset(MethodHandle h) {
        MethodType t = h.type();
        MethodHandle body = MethodHandles.dropArguments(h, 0, long.class);
        MethodHandle cleanup;
        if (t.returnType() == void.class) {
            cleanup = MethodHandles.dropArguments(RESET_VOID, 2, t.parameterList());
        } else {
            MethodHandle reset = RESET_VALUE.asType(
                    MethodType.methodType(t.returnType(), Throwable.class, t.returnType(), long.class));
            cleanup = MethodHandles.dropArguments(reset, 3, t.parameterList());
        }
        MethodHandle guarded = MethodHandles.tryFinally(body, cleanup);
        return MethodHandles.foldArguments(guarded, 0, BindFilters.MARK);
    }

    private static Object resetValue(Throwable t, Object result, long mark) throws Throwable {
        ScratchStack.reset(mark);
        if (t != null) {
            throw t;
        }
        return result;
    }

    private static void resetVoid(Throwable t, long mark) throws Throwable {
        ScratchStack.reset(mark);
        if (t != null) {
            throw t;
        }
    }
}

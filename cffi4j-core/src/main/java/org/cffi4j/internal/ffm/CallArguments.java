package org.cffi4j.internal.ffm;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.ref.Reference;
import org.cffi4j.CData;

/**
 * The cdata arguments of a C call, kept for the whole call: C may use their memory until it
 * returns, even if another thread (or a callback) releases them meanwhile; the release then takes
 * effect when the call returns. A struct passed by value is kept until the linker has copied it.
 * What is entered before the call is what is exited after it, and what the call converted: each
 * way reads an argument once.
 */
final class CallArguments {
    private static final MethodHandle ENTER_CALL;
    private static final MethodHandle ENTER_VALUE;
    private static final MethodHandle EXIT_CALL;
    private static final MethodHandle EXIT_CALL_VOID;
    private static final MethodHandle EXIT_VALUE;
    private static final MethodHandle EXIT_VALUE_VOID;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            MethodType enter = MethodType.methodType(void.class, String.class, Object.class);
            ENTER_CALL = l.findStatic(CallArguments.class, "enterCall", enter);
            ENTER_VALUE = l.findStatic(CallArguments.class, "enterValue", enter);
            MethodType exit = MethodType.methodType(Object.class, Throwable.class, Object.class, Object.class);
            MethodType exitVoid = MethodType.methodType(void.class, Throwable.class, Object.class);
            EXIT_CALL = l.findStatic(CallArguments.class, "exitCall", exit);
            EXIT_CALL_VOID = l.findStatic(CallArguments.class, "exitCall", exitVoid);
            EXIT_VALUE = l.findStatic(CallArguments.class, "exitValue", exit);
            EXIT_VALUE_VOID = l.findStatic(CallArguments.class, "exitValue", exitVoid);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private CallArguments() {}

    /**
     * {@code h} with its argument {@code i} kept for the call when it is a cdata: {@code enter(a);
     * try { return h(args); } finally { exit(a); }}.
     *
     * @param pointer whether C is given the memory (a pointer parameter) rather than a copy (a
     *     struct passed by value)
     * @param where what the argument is, for messages; null to name only the cdata
     */
    static MethodHandle keep(MethodHandle h, int i, boolean pointer, String where) {
        MethodType t = h.type();
        Class<?> param = t.parameterType(i);
        MethodHandle cleanup;
        if (t.returnType() == void.class) {
            cleanup = (pointer ? EXIT_CALL_VOID : EXIT_VALUE_VOID)
                    .asType(MethodType.methodType(void.class, Throwable.class, param));
            cleanup = MethodHandles.dropArguments(cleanup, 1, t.parameterList().subList(0, i));
        } else {
            cleanup = (pointer ? EXIT_CALL : EXIT_VALUE)
                    .asType(MethodType.methodType(t.returnType(), Throwable.class, t.returnType(), param));
            cleanup = MethodHandles.dropArguments(cleanup, 2, t.parameterList().subList(0, i));
        }
        MethodHandle enter = MethodHandles.insertArguments(pointer ? ENTER_CALL : ENTER_VALUE, 0, where)
                .asType(MethodType.methodType(void.class, param));
        return MethodHandles.foldArguments(MethodHandles.tryFinally(h, cleanup), i, enter);
    }

    /**
     * Enters every cdata of {@code values} (a copy of the arguments the call converts), failing if
     * one was released; {@link #exitAll} must follow once the call returned.
     */
    static void enterAll(Object[] values, ArgConverter[] converters) {
        int i = 0;
        try {
            for (; i < values.length; i++) {
                enterCall(converters[i].where(), values[i]);
            }
        } catch (RuntimeException | Error e) {
            exitFirst(values, i);
            throw e;
        }
    }

    /** Ends what {@link #enterAll} started. */
    static void exitAll(Object[] values) {
        exitFirst(values, values.length);
    }

    private static void exitFirst(Object[] values, int n) {
        for (int i = 0; i < n; i++) {
            exitCall(null, values[i]);
        }
        Reference.reachabilityFence(values); // the callbacks and memory C was given, until it returned
    }

    private static void enterCall(String where, Object v) {
        if (v instanceof CData c) {
            CDataAccess.door().lifetime(c).enterCall(c, where);
        }
    }

    // By value: the message names the cdata only, as any other use of a released one.
    private static void enterValue(String where, Object v) {
        if (v instanceof CData c) {
            CDataAccess.door().lifetime(c).enter(c);
        }
    }

    private static Object exitCall(Throwable t, Object result, Object v) {
        exitCall(t, v);
        return result;
    }

    private static void exitCall(Throwable t, Object v) {
        if (v instanceof CData c) {
            CDataAccess.door().lifetime(c).exitCall();
        }
    }

    private static Object exitValue(Throwable t, Object result, Object v) {
        exitValue(t, v);
        return result;
    }

    private static void exitValue(Throwable t, Object v) {
        if (v instanceof CData c) {
            CDataAccess.door().lifetime(c).exit();
        }
    }
}

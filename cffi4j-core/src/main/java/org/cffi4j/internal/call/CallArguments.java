package org.cffi4j.internal.call;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.ref.Reference;
import org.cffi4j.CData;
import org.cffi4j.internal.convert.ArgConverter;
import org.cffi4j.internal.invoke.MethodLookup;
import org.cffi4j.internal.memory.CDataAccess;

/**
 * The cdata arguments of a C call, kept for the whole call: C may use their memory until it
 * returns, even if another thread (or a callback) releases them meanwhile; the release then takes
 * effect when the call returns. (A struct passed by value needs less: {@link org.cffi4j.internal.memory.Lifetime#valueMemory}.)
 * What is entered before the call is what is exited after it, and what the call converted: each
 * way reads an argument once.
 */
final class CallArguments {
    private static final MethodHandle ENTER;
    private static final MethodHandle EXIT;
    private static final MethodHandle EXIT_VOID;

    static {
        MethodHandles.Lookup l = MethodHandles.lookup();
        ENTER = MethodLookup.findStatic(
                l, CallArguments.class, "enter", MethodType.methodType(void.class, String.class, Object.class));
        EXIT = MethodLookup.findStatic(
                l,
                CallArguments.class,
                "exit",
                MethodType.methodType(Object.class, Throwable.class, Object.class, Object.class));
        EXIT_VOID = MethodLookup.findStatic(
                l, CallArguments.class, "exit", MethodType.methodType(void.class, Throwable.class, Object.class));
    }

    private CallArguments() {}

    /**
     * {@code h} with its argument {@code i} kept for the call when it is a cdata: {@code enter(a);
     * try { return h(args); } finally { exit(a); }}.
     *
     * @param where what the argument is, for messages (e.g. {@code argument 1 of 'strlen'}); null to
     *     name only the cdata
     */
    static MethodHandle keep(MethodHandle h, int i, String where) {
        MethodType t = h.type();
        Class<?> param = t.parameterType(i);
        MethodHandle cleanup;
        if (t.returnType() == void.class) {
            cleanup = EXIT_VOID.asType(MethodType.methodType(void.class, Throwable.class, param));
            cleanup = MethodHandles.dropArguments(cleanup, 1, t.parameterList().subList(0, i));
        } else {
            cleanup = EXIT.asType(MethodType.methodType(t.returnType(), Throwable.class, t.returnType(), param));
            cleanup = MethodHandles.dropArguments(cleanup, 2, t.parameterList().subList(0, i));
        }
        MethodHandle enter =
                MethodHandles.insertArguments(ENTER, 0, where).asType(MethodType.methodType(void.class, param));
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
                enter(converters[i].where(), values[i]);
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
            exit(null, values[i]);
        }
        Reference.reachabilityFence(values); // the callbacks and memory C was given, until it returned
    }

    private static void enter(String where, Object v) {
        if (v instanceof CData c) {
            CDataAccess.door().lifetime(c).enter(c, where);
        }
    }

    private static Object exit(Throwable t, Object result, Object v) {
        exit(t, v);
        return result;
    }

    private static void exit(Throwable t, Object v) {
        if (v instanceof CData c) {
            CDataAccess.door().lifetime(c).exit();
        }
    }
}

package org.cffi4j.internal.ffm;

import java.lang.ref.Reference;
import org.cffi4j.CData;

/**
 * The cdata arguments of a C call, kept for the whole call: C may use their memory until it
 * returns, even if another thread (or a callback) releases them meanwhile; the release then takes
 * effect when the call returns.
 */
final class CallArguments {
    private CallArguments() {}

    /**
     * Enters the lifetime of every cdata argument ({@link Lifetime#enterCall}), failing if one was
     * released; returns the arguments to convert and to give to {@link #exit}: {@code args} itself
     * if none is a cdata, else a copy, so that the caller changing its array during the call cannot
     * unbalance the lifetimes.
     */
    static Object[] enter(Object[] args, ArgConverter[] converters) {
        int first = 0;
        while (first < args.length && !(args[first] instanceof CData)) {
            first++;
        }
        if (first == args.length) {
            return args;
        }
        Object[] values = args.clone();
        int i = first;
        try {
            for (; i < values.length; i++) {
                if (values[i] instanceof CData c) {
                    CDataAccess.door().lifetime(c).enterCall(c, converters[i].where());
                }
            }
        } catch (RuntimeException | Error e) {
            exitFirst(values, i);
            throw e;
        }
        return values;
    }

    /** Ends what {@link #enter} started, once the call returned. */
    static void exit(Object[] values, Object[] args) {
        if (values != args) {
            exitFirst(values, values.length);
        }
        Reference.reachabilityFence(values); // the callbacks and memory C was given, until it returned
    }

    private static void exitFirst(Object[] values, int n) {
        for (int i = 0; i < n; i++) {
            if (values[i] instanceof CData c) {
                CDataAccess.door().lifetime(c).exitCall();
            }
        }
    }
}

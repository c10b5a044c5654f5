package org.cffi4j.internal.upcall;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.function.Consumer;
import org.cffi4j.FFIException;

/**
 * What the guard of one callback ({@link UpcallGuard}) works with: the Java function as a handle
 * of the linker's carriers, the error value C gets when it throws (one field per carrier type, so
 * that the guard loads it without a call), the report of what it threw, and the exception kept
 * for later when even the report could not run.
 *
 * <p>A report needs stack and heap; right after a {@code StackOverflowError} or an {@code
 * OutOfMemoryError} there may be neither. The guard then stores the exception in {@link
 * #pending} with plain array stores (no call, no allocation), and it is reported at the next
 * entry to or normal return from this callback with room to spare, or when the callback is
 * released or collected. If another one fails to be reported while one is pending, it is counted
 * in {@link #lost} and reported as a count.
 */
final class UpcallSink {
    // Read by the generated guard with getfield: package-private, and named in UpcallGuard.
    final MethodHandle target;
    final Throwable[] pending = new Throwable[1];
    final int[] lost = new int[1];
    final boolean errBoolean;
    final byte errByte;
    final char errChar;
    final short errShort;
    final int errInt;
    final long errLong;
    final float errFloat;
    final double errDouble;
    final MemorySegment errSegment;

    private final Consumer<Throwable> handler;
    private final String what;
    // A cdata given as the error value of a pointer result: C gets its address, so its memory must live.
    @SuppressWarnings("unused")
    private final Object errorValue;

    /**
     * @param target the Java function, taking and returning the stub's carriers
     * @param error what C gets when the function throws, as the return carrier (null: zero)
     * @param errorValue the error value as the user gave it, kept reachable with the callback
     * @param handler what is told of an exception (null: printed to stderr with the C type)
     * @param what what C called, for the reports: {@code callback 'int(*)(int)'}
     */
    UpcallSink(MethodHandle target, Object error, Object errorValue, Consumer<Throwable> handler, String what) {
        this.target = target;
        this.errorValue = errorValue;
        this.handler = handler;
        this.what = what;
        this.errBoolean = error instanceof Boolean b && b;
        this.errByte = error instanceof Byte b ? b : 0;
        this.errChar = error instanceof Character c ? c : 0;
        this.errShort = error instanceof Short s ? s : 0;
        this.errInt = error instanceof Integer i ? i : 0;
        this.errLong = error instanceof Long l ? l : 0;
        this.errFloat = error instanceof Float f ? f : 0;
        this.errDouble = error instanceof Double d ? d : 0;
        this.errSegment = error instanceof MemorySegment m ? m : MemorySegment.NULL;
    }

    /**
     * Called by the guard before the Java function: refuses a nested call without stack headroom
     * (throws), reports a pending exception if there is room now, and counts this thread's nesting.
     *
     * @return this thread's nesting counter, which the guard decrements when the call ends
     */
    int[] enter() {
        Owner o = owner;
        long thread = Thread.currentThread().threadId();
        int[] depth = o != null && o.thread() == thread ? o.depth() : depthOf(thread);
        if (depth[0] > 0) {
            StackHeadroom.check();
        }
        if (pending[0] != null) {
            drainQuietly();
        }
        depth[0]++;
        return depth;
    }

    // A thread-local lookup costs a few nanoseconds, a good part of an upcall: the first thread to
    // call this callback keeps its nesting counter here, found by the thread's id (never reused; the
    // Thread itself is not held, as it would hold its task and all the task holds).
    private record Owner(long thread, int[] depth) {}

    private Owner owner;

    private int[] depthOf(long thread) {
        int[] depth = StackHeadroom.depth();
        if (owner == null) {
            owner = new Owner(thread, depth); // a race leaves one thread's pair: each pair is consistent
        }
        return depth;
    }

    /**
     * Tells the handler of {@code t}.
     *
     * @throws VirtualMachineError if there was no stack or heap to do it: the guard keeps {@code t}
     *     for later
     */
    void report(Throwable t) {
        try {
            if (handler != null) {
                handler.accept(t);
            } else {
                defaultReport(t);
            }
        } catch (VirtualMachineError noRoom) {
            throw noRoom;
        } catch (Throwable handlerFailed) {
            handlerFailed.printStackTrace(); // the user's handler failed: say so, do not retry it
        }
    }

    /**
     * Reports the pending exception (and the count of lost ones) if there is one.
     *
     * @throws VirtualMachineError if there is still no room: it stays pending
     */
    void drain() {
        Throwable t = pending[0];
        if (t == null) {
            return;
        }
        report(t);
        pending[0] = null;
        int n = lost[0];
        if (n > 0) {
            lost[0] = 0;
            report(new FFIException(n + " more exception" + (n == 1 ? "" : "s") + " thrown in " + what
                    + " could not be reported: there was no stack or heap left to do it"));
        }
    }

    /** {@link #drain()}, leaving the exception pending if there is still no room. */
    void drainQuietly() {
        try {
            drain();
        } catch (Throwable stillNoRoom) {
            // reported at a later entry, return, release or collection of the callback
        }
    }

    // The whole text is made before anything is printed: if there is no room to make it, nothing
    // is printed, and the report is retried later in full.
    private void defaultReport(Throwable t) {
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        out.print("From cffi4j " + what + ": ");
        t.printStackTrace(out);
        out.flush();
        System.err.print(text);
        System.err.flush();
    }
}

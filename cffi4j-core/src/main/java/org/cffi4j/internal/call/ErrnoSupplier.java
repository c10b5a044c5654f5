package org.cffi4j.internal.call;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.MutableCallSite;
import org.cffi4j.internal.invoke.MethodLookup;

/**
 * Gives an errno-capturing downcall the capture buffer of the calling thread, as cheaply as FFM
 * allows.
 *
 * <p>FFM checks a capture buffer on every call; when the buffer is a JIT constant those checks fold
 * away, when it comes from a thread-local lookup they cost about 5 ns a call (measured on JDK 25:
 * noop with a constant buffer 8.9 ns, with a per-thread one 13.7 ns, raw 6.4 ns). So each handle is
 * biased towards the first thread that calls it: a call site whose target, once that thread has
 * called, tests {@code Thread.currentThread().threadId() == first} and passes that thread's buffer as a
 * constant; every other thread takes the thread-local path. The test costs one compare; the
 * target changes once per function, so the JIT deoptimises at most once.
 */
final class ErrnoSupplier {
    private static final MethodHandle BUFFER;
    private static final MethodHandle IS_CURRENT;
    private static final MethodHandle CLAIM;

    static {
        MethodHandles.Lookup l = MethodHandles.lookup();
        BUFFER = MethodLookup.findStatic(l, Errno.class, "buffer", MethodType.methodType(MemorySegment.class));
        IS_CURRENT = MethodLookup.findStatic(
                l, ErrnoSupplier.class, "isCurrent", MethodType.methodType(boolean.class, long.class));
        CLAIM = MethodLookup.findVirtual(l, Bias.class, "claim", MethodType.methodType(void.class));
    }

    private ErrnoSupplier() {}

    /**
     * A handle like {@code capturing} without its leading capture-buffer parameter: each call passes
     * the calling thread's buffer.
     */
    static MethodHandle supplyBuffer(MethodHandle capturing) {
        MethodHandle anyThread = MethodHandles.foldArguments(capturing, 0, BUFFER);
        MutableCallSite site = new MutableCallSite(anyThread.type());
        Bias bias = new Bias(site, capturing, anyThread);
        site.setTarget(MethodHandles.foldArguments(anyThread, CLAIM.bindTo(bias)));
        return site.dynamicInvoker();
    }

    // By the thread's id (never reused): holding the Thread would hold its task and all it holds,
    // for as long as the function's handle lives (a closed library could never be unmapped).
    private static boolean isCurrent(long thread) {
        return Thread.currentThread().threadId() == thread;
    }

    /** The once-only switch of a call site to the form biased towards its first caller. */
    private static final class Bias {
        private final MutableCallSite site;
        private final MethodHandle capturing;
        private final MethodHandle anyThread;
        private boolean claimed;

        Bias(MutableCallSite site, MethodHandle capturing, MethodHandle anyThread) {
            this.site = site;
            this.capturing = capturing;
            this.anyThread = anyThread;
        }

        void claim() {
            synchronized (this) {
                if (claimed) {
                    return;
                }
                claimed = true;
            }
            long first = Thread.currentThread().threadId();
            MethodHandle constantBuffer = MethodHandles.insertArguments(capturing, 0, Errno.buffer());
            site.setTarget(MethodHandles.guardWithTest(
                    MethodHandles.insertArguments(IS_CURRENT, 0, first), constantBuffer, anyThread));
        }
    }
}

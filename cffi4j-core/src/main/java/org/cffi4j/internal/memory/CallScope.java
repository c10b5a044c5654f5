package org.cffi4j.internal.memory;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * What one C call needs beyond its arguments: temporary native memory for converted arguments
 * (strings, Java arrays, struct initialisers), alive exactly for the call, and the copies back into
 * Java arrays after it. Created lazily, so calls that need none cost nothing.
 */
public class CallScope implements AutoCloseable {
    /**
     * The scope of a call whose conversions were spliced into its method handle: temporaries come
     * from the thread's {@link ScratchStack} (reset after the call by the handle); what needs more
     * (copying Java arrays back, over-aligned memory) throws {@link NeedsScope} before the call, so
     * that the call is made again with a real scope.
     */
    public static final CallScope SCRATCH = new Spliced(true);

    /**
     * The scope of a spliced call that has no scratch memory (no pointer parameter, so no reset
     * after the call): asking it for memory throws {@link NeedsScope}.
     */
    public static final CallScope NONE = new Spliced(false);

    private static final class Spliced extends CallScope {
        private final boolean scratch;

        Spliced(boolean scratch) {
            this.scratch = scratch;
        }

        @Override
        public MemorySegment allocate(long size, long alignment) {
            if (!scratch || alignment > 16) {
                throw NeedsScope.INSTANCE;
            }
            return ScratchStack.allocate(size);
        }

        @Override
        public void afterCall(Runnable copyBack) {
            throw NeedsScope.INSTANCE;
        }
    }

    /** Thrown by {@link #SCRATCH} and {@link #NONE} before anything was done; preallocated and stackless, as it is control flow. */
    public static final class NeedsScope extends RuntimeException {
        static final NeedsScope INSTANCE = new NeedsScope();

        private NeedsScope() {
            super("a conversion needs a call scope", null, false, false);
        }
    }

    private Arena arena;
    private List<Runnable> afterCall;

    /** Memory that lives until the call returns. */
    public MemorySegment allocate(long size, long alignment) {
        if (arena == null) {
            arena = Arena.ofConfined();
        }
        return arena.allocate(Math.max(1, size), alignment);
    }

    /** Runs {@code copyBack} when the call returns (an array copied back to Java). */
    public void afterCall(Runnable copyBack) {
        if (afterCall == null) {
            afterCall = new ArrayList<>(2);
        }
        afterCall.add(copyBack);
    }

    /** Runs what {@link #afterCall} noted: the call has returned. */
    public void finishCall() {
        if (afterCall != null) {
            afterCall.forEach(Runnable::run);
        }
    }

    @Override
    public void close() {
        if (arena != null) {
            arena.close();
        }
    }
}

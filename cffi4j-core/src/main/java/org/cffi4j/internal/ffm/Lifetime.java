package org.cffi4j.internal.ffm;

import java.lang.foreign.MemorySegment;
import java.lang.ref.Cleaner;
import org.cffi4j.FFIException;

/**
 * The lifetime of a block of native memory owned by cffi4j. Every cdata that points into the block
 * holds its lifetime, so the block is freed only when none of them is reachable (or at an explicit
 * release); any access after release is a Java exception, not a use-after-free.
 */
public final class Lifetime {
    private static final Cleaner CLEANER = Cleaner.create();

    /** The lifetime of memory cffi4j does not own (returned by C, cast from an address). */
    public static final Lifetime UNOWNED = new Lifetime(null);

    private final Freer freer;
    private final Cleaner.Cleanable cleanable;

    // The state lives apart from the Lifetime so that the cleaner's action does not keep it reachable.
    private static final class Freer implements Runnable {
        private final MemorySegment block;
        private final Runnable destructor;
        private volatile boolean released;

        Freer(MemorySegment block, Runnable destructor) {
            this.block = block;
            this.destructor = destructor;
        }

        @Override
        public void run() {
            synchronized (this) {
                if (released) {
                    return;
                }
                released = true;
            }
            if (destructor != null) {
                destructor.run();
            }
            if (block != null) {
                Memory.free(block);
            }
        }
    }

    private Lifetime(Freer freer) {
        this.freer = freer;
        this.cleanable = freer == null ? null : CLEANER.register(this, freer);
    }

    /** A lifetime that frees {@code block} (allocated by {@link Memory}) when released or unreachable. */
    public static Lifetime owning(MemorySegment block) {
        return new Lifetime(new Freer(block, null));
    }

    /** A lifetime that runs {@code destructor} when released or unreachable ({@code ffi.gc}). */
    public static Lifetime destructor(Runnable destructor) {
        return new Lifetime(new Freer(null, destructor));
    }

    /** Frees now; a second release does nothing. */
    public void release() {
        if (cleanable != null) {
            cleanable.clean();
        }
    }

    /** Whether the memory is still there. */
    public boolean isAlive() {
        return freer == null || !freer.released;
    }

    /** Whether this lifetime owns (and will free) memory. */
    public boolean isOwning() {
        return freer != null;
    }

    /**
     * Fails if the memory was released.
     *
     * @param what the cdata, for the message
     */
    public void check(Object what) {
        if (freer != null && freer.released) {
            throw new FFIException("use of " + what + " after it was released (ffi.release, or its scope was closed)");
        }
    }
}

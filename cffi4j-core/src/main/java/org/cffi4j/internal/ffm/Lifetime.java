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
    public static final Lifetime UNOWNED = new Lifetime(null, null);

    /**
     * The lifetime of a pointer computed (by pointer arithmetic) outside the block it pointed into:
     * it may be printed, compared and cast to an integer, but reading, writing or passing it to C is
     * an error, since the memory there is not the block's and C forbids such pointers anyway.
     */
    public static final Lifetime OUTSIDE = new Lifetime(null, null);

    private final Freer freer;
    private final Cleaner.Cleanable cleanable;
    // The lifetime of the memory itself when this one only adds a destructor to it (ffi.gc): the
    // memory is gone when either is released.
    private final Lifetime within;

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

    private Lifetime(Freer freer, Lifetime within) {
        this.freer = freer;
        this.cleanable = freer == null ? null : CLEANER.register(this, freer);
        this.within = within;
    }

    /** A lifetime that frees {@code block} (allocated by {@link Memory}) when released or unreachable. */
    public static Lifetime owning(MemorySegment block) {
        return new Lifetime(new Freer(block, null), null);
    }

    /** A lifetime that runs {@code destructor} when released or unreachable ({@code ffi.gc}). */
    public static Lifetime destructor(Runnable destructor) {
        return new Lifetime(new Freer(null, destructor), null);
    }

    /**
     * A lifetime that runs {@code destructor} when released or unreachable, over memory whose own
     * lifetime is {@code within}: using it fails once either is released ({@code ffi.gc} of an
     * {@code ffi.alloc} cdata).
     */
    public static Lifetime destructor(Runnable destructor, Lifetime within) {
        return new Lifetime(new Freer(null, destructor), within);
    }

    /** Frees now; a second release does nothing. */
    public void release() {
        if (cleanable != null) {
            cleanable.clean();
        }
    }

    /** Whether the memory is still there. */
    public boolean isAlive() {
        return (freer == null || !freer.released) && (within == null || within.isAlive());
    }

    /** The block this lifetime frees (or the block an {@code ffi.gc} destructor guards), or null if unknown. */
    public MemorySegment block() {
        return freer != null && freer.block != null ? freer.block : within != null ? within.block() : null;
    }

    /** Whether this lifetime owns (and will free) memory. */
    public boolean isOwning() {
        return freer != null;
    }

    /**
     * Fails if the memory was released, or the pointer was computed outside its block.
     *
     * @param what the cdata, for the message
     */
    public void check(Object what) {
        check(what, null);
    }

    /**
     * Fails if the memory was released, or the pointer was computed outside its block ({@link #OUTSIDE}).
     *
     * @param what the cdata, for the message
     * @param where what it was being used as, e.g. {@code argument 1 of 'strlen'}, or null
     */
    public void check(Object what, Object where) {
        if (this == OUTSIDE) {
            throw new FFIException("use of " + what + (where == null ? "" : " as " + where) + ": it was computed by"
                    + " pointer arithmetic outside the memory block it pointed into, so it cannot be read, written or"
                    + " passed to C");
        }
        if (!isAlive()) {
            throw new FFIException("use of " + what + (where == null ? "" : " as " + where)
                    + " after it was released (ffi.release, or its scope was closed)");
        }
    }
}

package org.cffi4j.internal.memory;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import org.cffi4j.FFIException;

/**
 * The lifetime of a block of native memory owned by cffi4j, and its bounds. Every cdata that points
 * into the block holds its lifetime, so the block is freed only when none of them is reachable (or
 * at an explicit release); any access after release is a Java exception, not a use-after-free.
 *
 * <p>Every access brackets the memory it touches with {@link #enter} and {@link #exit} (a C call
 * given the memory too): a release by another thread during the access does not free the block
 * under it; the block is freed when the access ends (see {@link Guard}).
 */
public final class Lifetime {
    private static final Cleaner CLEANER = Cleaner.create();

    /** The lifetime of memory cffi4j does not own (returned by C, cast from an address). */
    public static final Lifetime UNOWNED = new Lifetime(null, null, null);

    /**
     * The lifetime of a pointer computed (by pointer arithmetic or a cast) outside the block it
     * pointed into: it may be printed, compared and cast to an integer, but reading, writing or
     * passing it to C is an error, since the memory there is not the block's and C forbids such
     * pointers anyway.
     */
    public static final Lifetime OUTSIDE = new Lifetime(null, null, null);

    private final Guard guard; // null if cffi4j owns nothing here
    // The lifetime of the memory itself when this one only adds a destructor to it (ffi.gc): the
    // memory is gone when either is released.
    private final Lifetime within;
    private final MemorySegment block; // the whole block, for bounds; null if unknown
    private final Cleaner.Cleanable cleanable;
    // segment() of the block: a segment of a shared arena, made on first use and closed at release,
    // so that FFM checks its accesses against the release.
    private volatile MemorySegment checked;
    private Arena checkedArena;

    private Lifetime(Guard guard, Lifetime within, MemorySegment block) {
        this.guard = guard;
        this.within = within;
        this.block = block;
        this.cleanable = guard == null ? null : CLEANER.register(this, guard);
    }

    /** A lifetime that frees {@code block} (allocated by {@link Memory}) when released or unreachable. */
    public static Lifetime owning(MemorySegment block) {
        return new Lifetime(Guard.ofBlock(block.address()), null, block);
    }

    /**
     * A lifetime that runs {@code free} when released or unreachable, over {@code block} (allocated
     * by the user's own function, through {@code ffi.newAllocator}): bounded as a block cffi4j
     * allocated itself.
     */
    public static Lifetime owning(MemorySegment block, Runnable free) {
        return new Lifetime(Guard.ofDestructor(free), null, block);
    }

    /**
     * The lifetime of memory cffi4j views but does not own (the native buffer of {@code
     * ffi.fromBuffer}): nothing to free, but its bounds are known.
     */
    public static Lifetime borrowed(MemorySegment block) {
        return new Lifetime(null, null, block);
    }

    /** A lifetime that runs {@code destructor} when released or unreachable ({@code ffi.gc}). */
    public static Lifetime destructor(Runnable destructor) {
        return new Lifetime(Guard.ofDestructor(destructor), null, null);
    }

    /**
     * A lifetime that runs {@code destructor} when released or unreachable, over memory whose own
     * lifetime is {@code within}: using it fails once either is released ({@code ffi.gc} of an
     * {@code ffi.alloc} cdata).
     */
    public static Lifetime destructor(Runnable destructor, Lifetime within) {
        return new Lifetime(Guard.ofDestructor(destructor), within, within.block());
    }

    /**
     * Starts an access to the memory: fails if it was released (or the pointer was computed outside
     * its block), else keeps it allocated until {@link #exit}, which must follow in a {@code finally}
     * on the same thread.
     *
     * @param what the cdata, for the message
     */
    public void enter(Object what) {
        enter(what, null);
    }

    /**
     * {@link #enter(Object)} for a use named in the message: a C call given the memory, e.g. {@code
     * argument 1 of 'strlen'} (C may use it until the call returns; a release meanwhile, by another
     * thread or by a callback, takes effect then).
     *
     * @param what the cdata, for the message
     * @param where what it is used as, or null
     */
    public void enter(Object what, Object where) {
        Guard g = guard;
        if (g == null) {
            if (this == OUTSIDE) {
                throw outside(what, where);
            }
            return;
        }
        if (!g.enter()) {
            throw released(what, where);
        }
        if (within != null) {
            try {
                within.enter(what, where);
            } catch (RuntimeException e) {
                g.exit();
                throw e;
            }
        }
    }

    /** Ends an access started by {@link #enter}. */
    public void exit() {
        Guard g = guard;
        if (g != null) {
            g.exit();
            if (within != null) {
                within.exit();
            }
        }
        Reference.reachabilityFence(this); // the cleaner must not free the block during the access
    }

    /**
     * The memory of a struct passed by value to C (or returned by a callback), safe for the linker
     * to copy after this returns: the memory itself when the current thread made it (no other
     * thread can free it, and no code runs on this one before the copy), else a copy made under
     * {@link #enter}, as another thread may release and free it.
     *
     * @param what the cdata, for the message
     * @param where what it is passed as, or null
     */
    public MemorySegment valueMemory(Object what, Object where, MemorySegment memory, long alignment) {
        Guard g = guard;
        if (g == null) {
            check(what, where);
            return memory; // C's memory, or a buffer viewed: nothing of cffi4j's frees it
        }
        if (within == null && g.ownedByCurrentThread()) {
            if (g.isReleased()) {
                throw released(what, where);
            }
            return memory;
        }
        enter(what, where);
        try {
            MemorySegment copy = alignment <= Long.BYTES
                    ? MemorySegment.ofArray(new long[(int) ((memory.byteSize() + 7) / 8)])
                    : Arena.ofAuto().allocate(memory.byteSize(), alignment);
            MemorySegment.copy(memory, 0, copy, 0, memory.byteSize());
            return copy.asSlice(0, memory.byteSize());
        } finally {
            exit();
        }
    }

    /**
     * Releases now: no access can start any more, and the memory is freed (or the destructor run)
     * as soon as the accesses in flight have ended; a second release does nothing. A {@link
     * #checkedSegment} is closed first; if a C call has it as an argument, the block stays
     * allocated until the cdata and its segments are unreachable.
     */
    public void release() {
        if (guard == null) {
            return;
        }
        // No segment made: none can be made during the release, as that happens inside an access,
        // which releaseNow would see.
        boolean freed = checked == null ? guard.releaseNow() : false;
        if (freed || guard.release(this::closeChecked) && guard.isFreed()) {
            cleanable.clean(); // freed: nothing left for the cleaner
        }
    }

    /** Whether the memory is still there. */
    public boolean isAlive() {
        return (guard == null || !guard.isReleased()) && (within == null || within.isAlive());
    }

    /** The block this lifetime frees or views (the one an {@code ffi.gc} destructor guards), or null if unknown. */
    public MemorySegment block() {
        return block;
    }

    /** Whether this lifetime owns (and will free) memory, or runs a destructor. */
    public boolean isOwning() {
        return guard != null;
    }

    /**
     * What a pointer to {@code address} designates in this lifetime's block: the memory from there
     * to the block's end; null if the block is unknown or the address is outside it (one past the
     * end is inside: an empty segment).
     */
    public MemorySegment tail(long address) {
        if (block == null || address < block.address() || address > block.address() + block.byteSize()) {
            return null;
        }
        return block.asSlice(address - block.address());
    }

    /**
     * Fails if the memory was released, or the pointer was computed outside its block; for uses
     * that take the address and touch no memory (storing a pointer).
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
            throw outside(what, where);
        }
        if (!isAlive()) {
            throw released(what, where);
        }
    }

    /**
     * {@code view} (memory inside this lifetime's block) as a segment FFM checks against the
     * release: a slice of a segment of a shared arena, made for the block on first use and closed
     * when it is released (so a use after that is FFM's {@code IllegalStateException}, never a
     * use-after-free, and a use racing the release is finished or refused by the arena's close).
     * The segment keeps the block from the GC as the cdata does. Memory cffi4j does not own is
     * returned as is.
     *
     * @param what the cdata, for the message
     */
    public MemorySegment checkedSegment(Object what, MemorySegment view) {
        enter(what);
        try {
            if (guard == null || block == null) {
                return view;
            }
            if (within != null) {
                return within.checkedSegment(what, view);
            }
            MemorySegment whole = checked;
            if (whole == null) {
                whole = makeChecked();
                if (guard.isReleased()) { // released meanwhile: its release may not have seen the segment
                    closeChecked();
                    throw released(what, null);
                }
            }
            long offset = view.address() - block.address();
            return offset == 0 && view.byteSize() == whole.byteSize() ? whole : whole.asSlice(offset, view.byteSize());
        } finally {
            exit();
        }
    }

    private synchronized MemorySegment makeChecked() {
        if (checked == null) {
            Arena arena = Arena.ofShared();
            checkedArena = arena;
            // The cleanup action holds this lifetime: a reachable segment keeps the block allocated.
            checked = MemorySegment.ofAddress(block.address())
                    .reinterpret(block.byteSize(), arena, ignored -> Reference.reachabilityFence(this));
        }
        return checked;
    }

    // Closing the arena waits for the accesses in flight through the segment (a handshake with the
    // other threads). While a C call has the segment as an argument the arena cannot close (as
    // Arena.close says): the block then stays allocated until it is unreachable.
    private synchronized void closeChecked() {
        if (checkedArena == null || !checkedArena.scope().isAlive()) {
            return;
        }
        try {
            checkedArena.close();
        } catch (IllegalStateException e) {
            guard.pin();
        }
    }

    private static FFIException outside(Object what, Object where) {
        return new FFIException("use of " + what + (where == null ? "" : " as " + where) + ": it was computed by"
                + " pointer arithmetic outside the memory block it pointed into, so it cannot be read, written or"
                + " passed to C");
    }

    private static FFIException released(Object what, Object where) {
        return new FFIException("use of " + what + (where == null ? "" : " as " + where)
                + " after it was released (ffi.release, or its scope was closed)");
    }
}

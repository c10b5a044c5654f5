package org.cffi4j.internal.memory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.cffi4j.internal.invoke.MethodLookup;

/**
 * Decides when a block of owned memory is freed (or an {@code ffi.gc} destructor run) so that a
 * release never frees it under an access in flight, by biased counting: the thread that made the
 * block (its owner, the thread that usually uses it) accesses it with a plain read of the state;
 * other threads count their accesses in flight in the same state word, atomically. A release marks
 * the block released (no new access can start) and the block is freed by whoever sees the last
 * condition fall: no counted access in flight and the owner quiet.
 *
 * <p>The owner is quiet when it provably is not inside an access: it released the block itself
 * outside any access of it, or its outermost access ended after the release, or it read another
 * thread's note of the release outside any access, or the owner thread ended, or the block became
 * unreachable (every access keeps its lifetime reachable). A release by another thread cannot read
 * the owner's plain count, so it leaves that note in the owner's {@link Pending} list, which the
 * owner reads at its next allocation; until then (or until the GC finds the block unreachable) the
 * released block stays allocated, unusable.
 *
 * <p>This object is also the cleaner's action for its lifetime, so it must not reference the
 * lifetime nor any cdata.
 */
final class Guard implements Runnable {
    private static final VarHandle STATE;

    static {
        STATE = MethodLookup.findVarHandle(MethodHandles.lookup(), Guard.class, "state", int.class);
    }

    // The state word: the sign bit so that the owner's check is one comparison.
    private static final int RELEASED = 1 << 31;
    private static final int QUIET = 1 << 30;
    private static final int FREED = 1 << 29;
    private static final int PINNED = 1 << 28; // kept until unreachable (a segment of it is in a C call)
    private static final int COUNT = PINNED - 1; // accesses in flight by threads other than the owner
    private static final int READY = RELEASED | QUIET; // what the state is when the block may be freed
    private static final int MASK = READY | FREED | PINNED | COUNT;

    private final Thread owner;
    private final Pending pending;
    private final long block; // the address to free, or 0
    private final Runnable destructor; // or null
    private volatile int state;
    private int ownerDepth; // the owner thread's accesses in flight; owner thread only
    Guard nextPending; // the link in the owner's pending list

    private Guard(long block, Runnable destructor) {
        this.pending = Pending.current();
        this.owner = pending.thread;
        this.block = block;
        this.destructor = destructor;
        pending.drain(); // frees what others released and this thread is not inside an access of
    }

    /** A guard that frees {@code block} (from {@link Memory}). */
    static Guard ofBlock(long block) {
        return new Guard(block, null);
    }

    /** A guard that runs {@code destructor}. */
    static Guard ofDestructor(Runnable destructor) {
        return new Guard(0, destructor);
    }

    /** Whether the block was released (it may still be allocated until the accesses in flight end). */
    boolean isReleased() {
        return state < 0;
    }

    /** Whether the block was freed (or the destructor run). */
    boolean isFreed() {
        return (state & FREED) != 0;
    }

    /** Whether the current thread made the block (it can then release it only itself). */
    boolean ownedByCurrentThread() {
        return Thread.currentThread() == owner;
    }

    /**
     * Starts an access (a read, a write, a C call given the memory); it must be followed by {@link
     * #exit} on the same thread once the memory is no longer touched. Returns false, having started
     * nothing, if the block was released. The owner counts its accesses in a plain field that only it
     * touches: accesses nest (a callback of a C call, user code run by a conversion), and its own
     * release, or the note of another thread's, waits for the outermost one to end.
     */
    boolean enter() {
        if (Thread.currentThread() == owner) {
            if (state < 0) {
                return false;
            }
            ownerDepth++;
            return true;
        }
        int s;
        do {
            s = state;
            if (s < 0) {
                return false;
            }
        } while (!STATE.weakCompareAndSet(this, s, s + 1));
        return true;
    }

    /** Ends an access started by {@link #enter}. */
    void exit() {
        if (Thread.currentThread() == owner) {
            if (--ownerDepth == 0 && state < 0) {
                quiesce(false); // released during the access (by user code it ran, or another thread)
            }
        } else {
            int s = (int) STATE.getAndAdd(this, -1) - 1;
            if ((s & MASK) == READY) {
                tryFree(false);
            }
        }
    }

    /**
     * Releases at once if this is the usual case: the owner thread, with no access in flight. Returns
     * false, having done nothing, otherwise.
     */
    boolean releaseNow() {
        if (Thread.currentThread() == owner && ownerDepth == 0 && STATE.compareAndSet(this, 0, READY | FREED)) {
            free(true);
            return true;
        }
        return false;
    }

    /**
     * Releases: no access can start any more, and the block is freed as soon as no access is in
     * flight. {@code beforeFree} runs first, with the block held: what must end before it is freed
     * (closing its segments). Returns false if it was already released.
     */
    boolean release(Runnable beforeFree) {
        int s;
        do {
            s = state;
            if (s < 0) {
                return false;
            }
        } while (!STATE.compareAndSet(this, s, (s | RELEASED) + 1)); // + 1: held while beforeFree runs
        try {
            beforeFree.run();
        } finally {
            STATE.getAndAdd(this, -1);
        }
        if (Thread.currentThread() == owner) {
            if (ownerDepth == 0) {
                quiesce(true); // else the end of the outermost access does it
            }
        } else if (!owner.isAlive()) {
            quiesce(true); // a thread that ended accesses nothing
        } else {
            pending.add(this);
        }
        return true;
    }

    /** Keeps the block allocated until it is unreachable (something outside cffi4j's view still uses it). */
    void pin() {
        STATE.getAndBitwiseOr(this, PINNED);
    }

    /** The cleaner's action: the lifetime is unreachable, so no access can be in flight or start. */
    @Override
    public void run() {
        STATE.getAndBitwiseAnd(this, ~PINNED);
        STATE.getAndBitwiseOr(this, READY);
        tryFree(false);
    }

    // Called by the owner thread outside any access of the block, or when the owner cannot access it.
    void quiesce(boolean rethrow) {
        int s = (int) STATE.getAndBitwiseOr(this, QUIET);
        if ((s & QUIET) == 0) {
            tryFree(rethrow);
        }
    }

    boolean ownerInside() {
        return ownerDepth != 0;
    }

    // Frees once, when released, quiet and with no access in flight. A destructor's exception reaches
    // the thread that released the block when it runs there; run elsewhere (after the last access of
    // another thread, or by the cleaner) it is dropped, as the cleaner drops it.
    private void tryFree(boolean rethrow) {
        int s;
        do {
            s = state;
            if ((s & MASK) != READY) {
                return;
            }
        } while (!STATE.compareAndSet(this, s, s | FREED));
        free(rethrow);
    }

    private void free(boolean rethrow) {
        try {
            if (destructor != null) {
                destructor.run();
            }
        } catch (RuntimeException | Error e) {
            if (rethrow) {
                throw e;
            }
        } finally {
            if (block != 0) {
                Memory.free(block);
            }
        }
    }

    /**
     * The guards of one owner thread that other threads released: the owner frees them at its next
     * allocation (outside any access of them). Bounded: past {@link #LIMIT} notes, a release by
     * another thread leaves the block to the cleaner.
     */
    static final class Pending {
        private static final ThreadLocal<Pending> CURRENT = ThreadLocal.withInitial(Pending::new);
        private static final int LIMIT = 4096;
        private static final VarHandle HEAD;

        static {
            HEAD = MethodLookup.findVarHandle(MethodHandles.lookup(), Pending.class, "head", Guard.class);
        }

        final Thread thread = Thread.currentThread();
        private volatile Guard head;
        private volatile int size;

        static Pending current() {
            return CURRENT.get();
        }

        void add(Guard g) {
            if (size >= LIMIT) {
                return; // the cleaner frees it once unreachable
            }
            Guard h;
            do {
                h = head;
                g.nextPending = h;
            } while (!HEAD.compareAndSet(this, h, g));
            size++; // approximate: only a bound
        }

        // On the owner thread only.
        void drain() {
            if (head == null) {
                return;
            }
            Guard g = (Guard) HEAD.getAndSet(this, null);
            size = 0;
            while (g != null) {
                Guard next = g.nextPending;
                g.nextPending = null;
                if (!g.ownerInside()) {
                    g.quiesce(false); // else the end of the access quiesces it
                }
                g = next;
            }
        }
    }
}

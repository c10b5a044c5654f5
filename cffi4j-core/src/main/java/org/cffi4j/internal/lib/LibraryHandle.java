package org.cffi4j.internal.lib;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.SwitchPoint;
import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.cffi4j.FFIException;
import org.cffi4j.internal.invoke.MethodLookup;

/**
 * A library loaded with {@code dlopen}, which cannot be unmapped while its code or data may be in
 * use.
 *
 * <p>{@link #close()} closes it for new uses at once: every later call or access fails with an
 * {@link FFIException} naming the library and the function or global. The {@code dlclose} itself
 * waits until nothing can reach the library's code any more: everything that can call into the
 * library (its functions, bound interfaces, the handles of both) and every cdata over its globals
 * holds this object, and every call keeps the object reachable until C returns ({@code
 * Reference.reachabilityFence} after the native call, which the JIT honours for free). So the
 * unmapping is left to a {@link Cleaner}, which runs once the garbage collector has found this
 * object unreachable: no thread can be inside the library then. The calls pay nothing for this:
 * bound methods test for closing with a {@link SwitchPoint}, which costs nothing until it is
 * invalidated, and the others with one volatile read.
 *
 * <p>This is C's own {@code dlclose} contract made safe: {@code dlclose} only says that the handle
 * is no longer needed, and the loader unloads the library when nothing uses it.
 */
public final class LibraryHandle {
    private static final MethodHandle RUN;

    static {
        RUN = MethodLookup.findVirtual(
                MethodHandles.lookup(), Runnable.class, "run", MethodType.methodType(void.class));
    }

    // Made when the first library is closed: programs that never close one start no thread for it.
    private static final class Unloading {
        static final Cleaner CLEANER = Cleaner.create();
    }

    private final String description;
    private final MemorySegment handle;
    private final SwitchPoint open = new SwitchPoint();
    private final List<Object> retained = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    /**
     * @param description how messages name the library: {@code library 'z'}, {@code the C runtime}
     * @param handle what {@code dlopen} returned
     */
    public LibraryHandle(String description, MemorySegment handle) {
        this.description = description;
        this.handle = handle;
    }

    /** The address of a symbol, or {@link MemorySegment#NULL}. */
    public MemorySegment symbol(String name) {
        return Dl.symbol(handle, name);
    }

    /**
     * A scope for segments over the library's globals ({@code address.reinterpret(size, scope,
     * null)}): it holds this library, so that a cdata over a global keeps the library mapped as long
     * as it is reachable. The caller keeps the arena, and must let it go at close: this object must
     * not hold it, or the JDK's cleaner of the arena would hold this object forever.
     */
    public Arena globalsScope() {
        Arena scope = Arena.ofAuto();
        MemorySegment.NULL.reinterpret(0, scope, ignored -> Reference.reachabilityFence(this));
        return scope;
    }

    /**
     * Fails if the library is closed.
     *
     * @param use the function or global used, for the message
     */
    public void checkOpen(String use) {
        if (closed) {
            throw closedError(use, description);
        }
    }

    /** The error for a use of a closed library. */
    public static FFIException closedError(String use, String description) {
        return new FFIException("'" + use + "' cannot be used: " + description + " is closed");
    }

    /** The check before each call of {@code function}; it holds this library. */
    public Runnable openCheck(String function) {
        return new OpenCheck(this, function);
    }

    /**
     * {@code h} preceded by {@code check}: for the check of a library, a {@link SwitchPoint} guard
     * that costs nothing until the library is closed.
     */
    public static MethodHandle guardOpen(MethodHandle h, Runnable check) {
        MethodHandle checked = MethodHandles.foldArguments(h, RUN.bindTo(check));
        return check instanceof OpenCheck c ? c.library.open.guardWithTest(h, checked) : checked;
    }

    /** Keeps {@code o} (a callback the library's C code may call) as long as the library is mapped. */
    public void retain(Object o) {
        retained.add(o);
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Closes the library for new calls and accesses; it is unmapped once nothing can reach its
     * code or data. Closing twice does nothing.
     */
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        SwitchPoint.invalidateAll(new SwitchPoint[] {open});
        Unloading.CLEANER.register(this, new Unload(handle));
    }

    // Must not hold the LibraryHandle, or it would never become unreachable.
    private record Unload(MemorySegment handle) implements Runnable {
        @Override
        public void run() {
            try {
                Dl.close(handle);
            } catch (RuntimeException e) {
                // dlclose failed: the library stays loaded, which is harmless
            }
        }
    }

    private record OpenCheck(LibraryHandle library, String function) implements Runnable {
        @Override
        public void run() {
            library.checkOpen(function);
        }
    }
}

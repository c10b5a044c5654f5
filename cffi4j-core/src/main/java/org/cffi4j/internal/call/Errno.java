package org.cffi4j.internal.call;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import org.cffi4j.internal.invoke.MethodLookup;
import org.cffi4j.internal.lib.OsLibraries;
import org.cffi4j.internal.platform.Abi;

/**
 * C's errno as CFFI has it: the value the last C call made by cffi4j on this thread left (captured
 * by the linker right after the call, before the JVM can change it), which is also the value the
 * next C call of the thread sees in errno ({@link #restore}, right before the call), and {@link
 * #set}, which changes it.
 *
 * <p>Each thread has a buffer: the linker's capture state, then the address of the thread's errno
 * (0 until the first restore asks for it; always 0 for a virtual thread, whose OS thread can
 * change between calls: it is asked at each call then). Restoring errno costs two loads and a store; it keeps the JVM's own use of errno between
 * two calls (a thread blocking at a safepoint, linking a function on its first call) from leaking
 * into C.
 */
public final class Errno {
    /** The linker option that captures errno. */
    static final Linker.Option CAPTURE = Linker.Option.captureCallState("errno");

    private static final StructLayout STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final long LOCATION = (STATE.byteSize() + 7) & ~7L;
    private static final MemorySegment EVERYWHERE = MemorySegment.NULL.reinterpret(Long.MAX_VALUE);
    private static final ThreadLocal<MemorySegment> CAPTURED = ThreadLocal.withInitial(Errno::newBuffer);
    private static final MethodHandle RESTORE;

    static {
        RESTORE = MethodLookup.findStatic(
                MethodHandles.lookup(), Errno.class, "restore", MethodType.methodType(void.class, MemorySegment.class));
    }

    // __errno_location (__error on macOS, _errno on Windows), linked with the descriptor of dlsym,
    // (void *, void *) -> void *: the JVM has made that stub when the library was loaded, and a new
    // descriptor costs milliseconds in a fresh JVM. A function without parameters ignores the two
    // argument registers on every ABI the JDK supports.
    private static final class Location {
        static final MethodHandle ERRNO_LOCATION =
                errnoLocation(FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS));

        static long current() {
            try {
                return ((MemorySegment) ERRNO_LOCATION.invokeExact(MemorySegment.NULL, MemorySegment.NULL)).address();
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        }
    }

    // For virtual threads, which ask at every call (their OS thread, and errno's address, can change
    // between calls): a critical downcall, without the thread-state transitions of an ordinary one
    // (the function only returns a thread-local address). A handle of its own, made at the first
    // virtual thread's call, so that platform threads' first calls do not pay for a new stub.
    private static final class VirtualLocation {
        static final MethodHandle ERRNO_LOCATION =
                errnoLocation(FunctionDescriptor.of(ValueLayout.JAVA_LONG), Linker.Option.critical(false));

        static long current() {
            try {
                return (long) ERRNO_LOCATION.invokeExact();
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        }
    }

    private static MethodHandle errnoLocation(FunctionDescriptor descriptor, Linker.Option... options) {
        Linker linker = Linker.nativeLinker();
        return linker.downcallHandle(
                linker.defaultLookup()
                        .find(OsLibraries.errnoFunction(Abi.current().os()))
                        .orElseThrow(),
                descriptor,
                options);
    }

    private Errno() {}

    // errno's address is asked for at the first restore, not here: a generated binding's calls
    // capture errno without restoring it, and need not pay for the lookup's handle at start-up.
    // An arena of its own: buffers sharing one would share its liveness counter, which every call
    // on every thread touches (measured: 2x the time of a bound call on a pool of threads).
    private static MemorySegment newBuffer() {
        return Arena.ofAuto().allocate(LOCATION + 8, 8); // zero-filled: the location is not known yet
    }

    /** The capture buffer of this thread, passed to each call. */
    static MemorySegment buffer() {
        return CAPTURED.get();
    }

    /**
     * {@code capturing} (a downcall handle capturing errno, its capture buffer at {@code
     * bufferIndex}) preceded by {@link #restore} of that buffer.
     */
    static MethodHandle restoring(MethodHandle capturing, int bufferIndex) {
        return MethodHandles.foldArguments(capturing, bufferIndex, RESTORE);
    }

    /** The errno left by the last C call made through cffi4j on this thread. */
    public static int get() {
        return (int) ERRNO.get(CAPTURED.get(), 0L);
    }

    /** Sets errno: as {@link #get()} sees it, in the C runtime now, and for the next C call. */
    public static void set(int value) {
        MemorySegment buffer = CAPTURED.get();
        ERRNO.set(buffer, 0L, value);
        restore(buffer);
    }

    // Right before each errno-capturing call: C's errno is the thread's ffi.errno.
    private static void restore(MemorySegment buffer) {
        long location = buffer.get(ValueLayout.JAVA_LONG, LOCATION);
        if (location == 0) {
            if (Thread.currentThread().isVirtual()) { // its OS thread, and errno's address, can change
                location = VirtualLocation.current();
            } else {
                location = Location.current();
                buffer.set(ValueLayout.JAVA_LONG, LOCATION, location);
            }
        }
        EVERYWHERE.set(ValueLayout.JAVA_INT, location, (int) ERRNO.get(buffer, 0L));
    }
}

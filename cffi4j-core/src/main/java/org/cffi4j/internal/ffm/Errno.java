package org.cffi4j.internal.ffm;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * C's errno as Java sees it: the value the last C call made by cffi4j on this thread left (captured
 * by the linker right after the call, before the JVM can change it), and a way to set the C
 * runtime's errno before a call.
 */
public final class Errno {
    /** The linker option that captures errno. */
    static final Linker.Option CAPTURE = Linker.Option.captureCallState("errno");

    private static final StructLayout STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final ThreadLocal<MemorySegment> CAPTURED =
            ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(STATE));

    // Built on first use: capturing errno does not need it, and a new downcall shape costs
    // milliseconds in a fresh JVM.
    private static final class Location {
        static final MethodHandle ERRNO_LOCATION = Linker.nativeLinker()
                .downcallHandle(
                        Linker.nativeLinker()
                                .defaultLookup()
                                .find("__errno_location")
                                .orElseThrow(),
                        FunctionDescriptor.of(ValueLayout.ADDRESS));
    }

    private Errno() {}

    /** The capture buffer of this thread, passed to each call. */
    static MemorySegment buffer() {
        return CAPTURED.get();
    }

    /** The errno left by the last C call made through cffi4j on this thread. */
    public static int get() {
        return (int) ERRNO.get(CAPTURED.get(), 0L);
    }

    /** Sets errno, both as {@link #get()} sees it and in the C runtime for the next C call. */
    public static void set(int value) {
        ERRNO.set(CAPTURED.get(), 0L, value);
        try {
            MemorySegment location = ((MemorySegment) Location.ERRNO_LOCATION.invokeExact()).reinterpret(4);
            location.set(ValueLayout.JAVA_INT, 0, value);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}

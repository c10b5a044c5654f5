package org.cffi4j.internal.call;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * The downcall handles of generated bindings: FFM's own handle for the descriptor, with errno
 * captured as the runtime captures it (the same per-thread value {@code ffi.errno()} reads), and
 * nothing else: the generated method calls it with {@code invokeExact}, so a call costs what a
 * hand-written FFM call capturing errno costs. Unlike the runtime's calls, they do not first give C
 * the value of {@code ffi.setErrno}: a generated class has no errno setter, and that store would
 * cost every call (SEMANTICS E).
 */
public final class GeneratedDowncalls {
    private static final Linker LINKER = Linker.nativeLinker();

    private GeneratedDowncalls() {}

    /**
     * FFM's handle calling {@code address}, of the descriptor's type (a leading {@code
     * SegmentAllocator} for a struct returned by value); if it captures errno, the capture buffer
     * comes next, and the caller passes it ({@code ErrnoCapture.buffer()}, or {@link #buffer()}).
     *
     * @param firstVariadic the index of the first variadic argument, or -1
     */
    public static MethodHandle of(
            MemorySegment address, FunctionDescriptor descriptor, int firstVariadic, boolean errno) {
        List<Linker.Option> options = new ArrayList<>();
        if (firstVariadic >= 0) {
            options.add(Linker.Option.firstVariadicArg(firstVariadic));
        }
        if (errno) {
            options.add(Errno.CAPTURE);
        }
        return LINKER.downcallHandle(address, descriptor, options.toArray(Linker.Option[]::new));
    }

    /** This thread's errno capture buffer, the one {@code ffi.errno()} reads. */
    public static MemorySegment buffer() {
        return Errno.buffer();
    }

    /** The errno left by the last errno-capturing C call on this thread, as {@code ffi.errno()}. */
    public static int errno() {
        return Errno.get();
    }
}

package org.cffi4j.internal.call;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
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
     * The handle calling {@code address}: its type is the descriptor's (a leading {@code
     * SegmentAllocator} for a struct returned by value), whether or not it captures errno.
     *
     * @param firstVariadic the index of the first variadic argument, or -1
     */
    public static MethodHandle of(
            MemorySegment address, FunctionDescriptor descriptor, int firstVariadic, boolean errno) {
        List<Linker.Option> options = new ArrayList<>();
        if (firstVariadic >= 0) {
            options.add(Linker.Option.firstVariadicArg(firstVariadic));
        }
        if (!errno) {
            return LINKER.downcallHandle(address, descriptor, options.toArray(Linker.Option[]::new));
        }
        options.add(Errno.CAPTURE);
        MethodHandle h = LINKER.downcallHandle(address, descriptor, options.toArray(Linker.Option[]::new));
        boolean structReturn = descriptor.returnLayout().orElse(null) instanceof java.lang.foreign.GroupLayout;
        if (!structReturn) {
            return ErrnoSupplier.supplyBuffer(h);
        }
        // (allocator, buffer, args...): the buffer first for the supplier, then the allocator back in front
        MethodType t = h.type();
        MethodType bufferFirst =
                t.changeParameterType(0, t.parameterType(1)).changeParameterType(1, t.parameterType(0));
        int[] order = new int[t.parameterCount()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i < 2 ? 1 - i : i;
        }
        return ErrnoSupplier.supplyBuffer(MethodHandles.permuteArguments(h, bufferFirst, order));
    }

    /**
     * FFM's errno-capturing handle: its capture buffer is its first parameter (after the {@code
     * SegmentAllocator} of a struct return), which the generated method passes itself.
     */
    public static MethodHandle capturing(MemorySegment address, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(address, descriptor, Errno.CAPTURE);
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

package org.cffi4j.support;

import java.lang.foreign.FunctionDescriptor;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import org.cffi4j.FFIException;
import org.cffi4j.internal.call.GeneratedDowncalls;

/** The downcalls of a generated binding. */
public final class BindingCalls {
    private BindingCalls() {}

    /**
     * The handle of a C function that captures errno: FFM's handle of the descriptor's type with the
     * capture buffer as its first parameter (after the {@code SegmentAllocator} of a struct return),
     * which the generated method passes as {@code ERRNO.buffer()}. A function no library defines gets
     * a handle of the same type that throws an {@link FFIException} naming it.
     *
     * @param symbols where to look the function up
     * @param symbol its symbol
     * @param declaration its C declaration, for messages
     * @param descriptor its descriptor
     * @return the handle
     */
    public static MethodHandle capturingDowncall(
            SymbolTable symbols, String symbol, String declaration, FunctionDescriptor descriptor) {
        return symbols.find(symbol)
                .map(address -> GeneratedDowncalls.of(address, descriptor, -1, true))
                .orElseGet(() -> {
                    MethodHandle h =
                            failing(descriptor, "cannot call '" + declaration + "': " + symbols.whyMissing(symbol));
                    int at = descriptor.returnLayout().orElse(null) instanceof java.lang.foreign.GroupLayout ? 1 : 0;
                    return MethodHandles.dropArguments(h, at, java.lang.foreign.MemorySegment.class);
                });
    }

    /**
     * The errno capture buffer of the thread that asks, kept for the calls of one function (a
     * generated holder class keeps one per function, made by the function's first calling thread).
     *
     * @return the capture
     */
    public static ErrnoCapture errnoCapture() {
        return new ErrnoCapture(Thread.currentThread().threadId(), GeneratedDowncalls.buffer());
    }

    /**
     * Where a generated function's call captures errno: the buffer of the thread that first called
     * it, a constant the JIT folds into that thread's calls, and the calling thread's own for every
     * other thread (a thread-local lookup). A record, so that a {@code static final} one's fields are
     * constants too. The buffer is the one {@code ffi.errno()} and {@code errno()} read.
     *
     * @param threadId the first caller's thread id (ids are never reused)
     * @param firstCallers the first caller's buffer
     */
    public record ErrnoCapture(long threadId, java.lang.foreign.MemorySegment firstCallers) {
        /**
         * The calling thread's capture buffer.
         *
         * @return the buffer to pass to the capturing handle
         */
        public java.lang.foreign.MemorySegment buffer() {
            return Thread.currentThread().threadId() == threadId ? firstCallers : GeneratedDowncalls.buffer();
        }
    }

    /**
     * The errno left by the last errno-capturing C call on this thread (through a generated binding
     * or cffi4j's runtime: they share it, as {@code ffi.errno()}).
     *
     * @return errno
     */
    public static int errno() {
        return GeneratedDowncalls.errno();
    }

    /**
     * What a generated method throws for a {@code Throwable} its {@code invokeExact} declared: the
     * unchecked exception or error itself (a downcall throws no checked exception).
     *
     * @param t what the handle threw
     * @return never: the method throws
     */
    public static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new FFIException("unexpected exception from a C call: " + t, t);
    }

    // A handle of the descriptor's type that throws: the call fails, the class still initialises.
    static MethodHandle failing(FunctionDescriptor descriptor, String message) {
        java.lang.invoke.MethodType type = descriptor.toMethodType();
        if (descriptor.returnLayout().orElse(null) instanceof java.lang.foreign.GroupLayout) {
            type = type.insertParameterTypes(0, java.lang.foreign.SegmentAllocator.class);
        }
        MethodHandle thrower = MethodHandles.throwException(type.returnType(), FFIException.class);
        thrower = MethodHandles.insertArguments(thrower, 0, new FFIException(message));
        return MethodHandles.dropArguments(thrower, 0, type.parameterList());
    }
}

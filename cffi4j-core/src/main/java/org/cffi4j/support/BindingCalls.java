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
     * The handle of a C function: FFM's handle of the descriptor's type (a leading {@code
     * SegmentAllocator} for a struct returned by value), capturing errno if asked. A function no
     * library defines gets a handle that throws an {@link FFIException} naming it.
     *
     * @param symbols where to look the function up
     * @param symbol its symbol
     * @param declaration its C declaration, for messages
     * @param descriptor its descriptor
     * @param errno whether the call captures errno for {@link #errno()}
     * @return the handle
     */
    public static MethodHandle downcall(
            SymbolTable symbols, String symbol, String declaration, FunctionDescriptor descriptor, boolean errno) {
        return symbols.find(symbol)
                .map(address -> GeneratedDowncalls.of(address, descriptor, -1, errno))
                .orElseGet(
                        () -> failing(descriptor, "cannot call '" + declaration + "': " + symbols.whyMissing(symbol)));
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

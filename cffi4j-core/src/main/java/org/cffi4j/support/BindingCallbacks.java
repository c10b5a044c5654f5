package org.cffi4j.support;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import org.cffi4j.internal.upcall.Upcalls;

/** The callbacks of a generated binding: Java methods as C function pointers. */
public final class BindingCallbacks {
    private BindingCallbacks() {}

    /**
     * A C function pointer calling {@code target}, behind the guard of {@code ffi.callback}: an
     * exception thrown by {@code target} never reaches C; C gets zero (a zero-filled struct) and the
     * exception is printed with the callback's C type.
     *
     * @param target the Java function, of the descriptor's carrier types
     * @param descriptor the callback's descriptor
     * @param cType the function pointer type as C writes it
     * @param arena how long the function pointer lives
     * @return the function pointer
     */
    public static MemorySegment upcall(MethodHandle target, FunctionDescriptor descriptor, String cType, Arena arena) {
        return Upcalls.stub(target.asType(descriptor.toMethodType()), descriptor, "callback '" + cType + "'", arena);
    }

    /**
     * The method of a callback interface, as a handle of the descriptor's carrier types.
     *
     * @param lookup the generated class's lookup
     * @param callbackInterface the functional interface
     * @param name its method's name
     * @param descriptor the callback's descriptor
     * @return the virtual method's handle
     */
    public static MethodHandle method(
            java.lang.invoke.MethodHandles.Lookup lookup,
            Class<?> callbackInterface,
            String name,
            FunctionDescriptor descriptor) {
        try {
            return lookup.findVirtual(callbackInterface, name, descriptor.toMethodType());
        } catch (ReflectiveOperationException e) {
            throw new org.cffi4j.FFIException(
                    "the generated callback interface " + callbackInterface.getName() + " has no method " + name
                            + descriptor.toMethodType() + ": generate it again",
                    e);
        }
    }
}

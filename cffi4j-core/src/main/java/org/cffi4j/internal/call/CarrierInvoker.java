package org.cffi4j.internal.call;

import java.lang.classfile.ClassFile;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.DynamicConstantDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import org.cffi4j.internal.invoke.HiddenClasses;

/**
 * Calls one downcall's spread method handle with an array of carriers. Each instance is of its own
 * hidden class holding the handle as a class-data constant: the JIT then inlines the handle, which
 * it cannot do when the handle is read from an ordinary object's field.
 */
public interface CarrierInvoker {
    /** Calls the handle with the carriers (errno buffer and allocator included, as its type says). */
    Object invoke(Object[] carriers) throws Throwable;

    /** An invoker for a handle of type {@code (Object[])Object}. */
    static CarrierInvoker of(MethodHandle spread) {
        ClassDesc self = ClassDesc.of(CarrierInvoker.class.getPackageName() + ".Invoker");
        MethodTypeDesc desc = MethodTypeDesc.of(ConstantDescs.CD_Object, ConstantDescs.CD_Object.arrayType());
        DynamicConstantDesc<MethodHandle> handle = DynamicConstantDesc.ofNamed(
                ConstantDescs.BSM_CLASS_DATA, ConstantDescs.DEFAULT_NAME, ConstantDescs.CD_MethodHandle);
        byte[] bytes = HiddenClasses.implementing(
                self,
                ClassDesc.of(CarrierInvoker.class.getName()),
                cb -> cb.withMethodBody(
                        "invoke",
                        desc,
                        ClassFile.ACC_PUBLIC | ClassFile.ACC_FINAL,
                        code -> code.ldc(handle)
                                .aload(1)
                                .invokevirtual(ConstantDescs.CD_MethodHandle, "invokeExact", desc)
                                .areturn()));
        try {
            return (CarrierInvoker) HiddenClasses.instantiate(MethodHandles.lookup(), bytes, spread);
        } catch (Throwable t) {
            throw new IllegalStateException("cannot define the invoker of a downcall", t);
        }
    }
}

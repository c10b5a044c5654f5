package org.cffi4j.internal.bind;

import java.lang.classfile.ClassFile;
import java.lang.classfile.TypeKind;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.DynamicConstantDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.List;
import org.cffi4j.FFIException;
import org.cffi4j.internal.invoke.HiddenClasses;

/**
 * Writes the hidden class that implements a bound (public) interface: each method loads its method
 * handle as a dynamic constant (built from the class data on first use) and calls {@code
 * invokeExact}, so the handle is a JIT constant and the call inlines down to the native code.
 */
final class BindingClass {
    private static final ClassDesc METHOD_HANDLE = ConstantDescs.CD_MethodHandle;
    private static final ClassDesc REFERENCE = ClassDesc.of("java.lang.ref.Reference");
    private static final MethodTypeDesc FENCE = MethodTypeDesc.of(ConstantDescs.CD_void, ConstantDescs.CD_Object);

    private BindingClass() {}

    /**
     * An instance of a new hidden class implementing {@code iface}: {@code methods[i]} calls the
     * handle that {@code linkers[i]} (a {@link MethodLink}) builds on its first call.
     */
    static <T> T define(Class<T> iface, List<Method> methods, List<MethodHandle> linkers) {
        MethodHandles.Lookup host = BindingHost.of(iface).orElse(null);
        if (host == null) {
            return ProxyBinding.create(iface, methods, linkers);
        }
        ClassDesc self = ClassDesc.of(
                host.lookupClass().getPackageName().isEmpty()
                        ? "Cffi4jBinding"
                        : host.lookupClass().getPackageName() + ".Cffi4jBinding");
        byte[] bytes = HiddenClasses.implementing(self, ClassDesc.ofDescriptor(iface.descriptorString()), cb -> {
            for (int i = 0; i < methods.size(); i++) {
                Method m = methods.get(i);
                MethodTypeDesc desc =
                        MethodTypeDesc.ofDescriptor(MethodType.methodType(m.getReturnType(), m.getParameterTypes())
                                .descriptorString());
                // The handle is linker i's result, resolved on the method's first call and then
                // a constant like any other.
                DynamicConstantDesc<MethodHandle> linker = DynamicConstantDesc.ofNamed(
                        ConstantDescs.BSM_CLASS_DATA_AT, ConstantDescs.DEFAULT_NAME, METHOD_HANDLE, i);
                DynamicConstantDesc<MethodHandle> handle = DynamicConstantDesc.ofNamed(
                        ConstantDescs.BSM_INVOKE, ConstantDescs.DEFAULT_NAME, METHOD_HANDLE, linker);
                cb.withMethodBody(m.getName(), desc, ClassFile.ACC_PUBLIC | ClassFile.ACC_FINAL, code -> {
                    code.ldc(handle);
                    int slot = 1;
                    for (Class<?> p : m.getParameterTypes()) {
                        TypeKind k = TypeKind.from(p);
                        code.loadLocal(k, slot);
                        slot += k.slotSize();
                    }
                    code.invokevirtual(METHOD_HANDLE, "invokeExact", desc);
                    // The handle passes bare addresses to C: keep the arguments (cdata owning memory or
                    // an upcall stub) reachable until C returns, or the GC may free them mid-call; and
                    // this object, which holds the library: it is not unmapped while C runs in it.
                    code.aload(0).invokestatic(REFERENCE, "reachabilityFence", FENCE);
                    slot = 1;
                    for (Class<?> p : m.getParameterTypes()) {
                        TypeKind k = TypeKind.from(p);
                        if (k == TypeKind.REFERENCE) {
                            code.aload(slot).invokestatic(REFERENCE, "reachabilityFence", FENCE);
                        }
                        slot += k.slotSize();
                    }
                    code.return_(TypeKind.from(m.getReturnType()));
                });
            }
        });
        try {
            return iface.cast(HiddenClasses.instantiate(host, bytes, List.copyOf(linkers)));
        } catch (Throwable e) {
            throw new FFIException("cannot implement " + iface.getName() + ": " + e, e);
        }
    }
}

package org.cffi4j.internal.invoke;

import java.lang.classfile.ClassBuilder;
import java.lang.classfile.ClassFile;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.function.Consumer;

/**
 * The frame of the hidden classes cffi4j writes (bound interfaces, downcall invokers): a final
 * class implementing one interface, with a public no-argument constructor, whose methods read their
 * method handles from the class data, so that the JIT sees them as constants.
 */
public final class HiddenClasses {
    private HiddenClasses() {}

    /** The bytes of a class {@code self} implementing {@code iface}, with the methods {@code body} adds. */
    public static byte[] implementing(ClassDesc self, ClassDesc iface, Consumer<ClassBuilder> body) {
        return ClassFile.of().build(self, cb -> {
            cb.withFlags(ClassFile.ACC_FINAL | ClassFile.ACC_SYNTHETIC);
            cb.withSuperclass(ConstantDescs.CD_Object);
            cb.withInterfaceSymbols(iface);
            cb.withMethodBody(
                    ConstantDescs.INIT_NAME,
                    ConstantDescs.MTD_void,
                    ClassFile.ACC_PUBLIC,
                    code -> code.aload(0)
                            .invokespecial(ConstantDescs.CD_Object, ConstantDescs.INIT_NAME, ConstantDescs.MTD_void)
                            .return_());
            body.accept(cb);
        });
    }

    /** Defines the class as a hidden class of {@code host} with {@code classData}, and makes an instance. */
    public static Object instantiate(MethodHandles.Lookup host, byte[] bytes, Object classData) throws Throwable {
        MethodHandles.Lookup hidden = host.defineHiddenClassWithClassData(bytes, classData, true);
        return hidden.findConstructor(hidden.lookupClass(), MethodType.methodType(void.class))
                .invoke();
    }
}

package org.cffi4j.internal.bind;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import org.cffi4j.FFIException;
import org.cffi4j.internal.invoke.MethodLookup;

/**
 * The link of one bound method, made on its first call: building a method's handle (its downcall,
 * errno capture, conversions) costs milliseconds in a fresh JVM, and a program often calls only
 * some of an interface's methods. The signature is checked when the interface is bound; this only
 * builds the handle.
 */
final class MethodLink {
    /** {@code ()MethodHandle}: bound to a link, builds its method's handle. */
    private static final MethodHandle LINK;

    static {
        LINK = MethodLookup.findVirtual(
                MethodHandles.lookup(), MethodLink.class, "link", MethodType.methodType(MethodHandle.class));
    }

    /** What builds a method's handle: the C function and the Java method's own types. */
    interface Builder {
        /** The handle, of the method's own type. */
        MethodHandle build();
    }

    private final Method method;
    private final Builder builder;

    private MethodLink(Method method, Builder builder) {
        this.method = method;
        this.builder = builder;
    }

    /** A {@code ()MethodHandle} handle that builds the handle of {@code method} each time it is called. */
    static MethodHandle of(Method method, Builder builder) {
        return LINK.bindTo(new MethodLink(method, builder));
    }

    /** Builds the handle of a method, given its link from {@link #of}. */
    static MethodHandle link(MethodHandle linker) {
        try {
            return (MethodHandle) linker.invokeExact();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    // A failure becomes a handle that throws it at each call: the hidden class resolves its
    // constant once, and a bootstrap failure would come out wrapped in a BootstrapMethodError.
    private MethodHandle link() {
        try {
            return builder.build();
        } catch (FFIException e) {
            MethodType type = MethodType.methodType(method.getReturnType(), method.getParameterTypes());
            return MethodHandles.dropArguments(
                    MethodHandles.throwException(type.returnType(), FFIException.class)
                            .bindTo(e),
                    0,
                    type.parameterList());
        }
    }
}

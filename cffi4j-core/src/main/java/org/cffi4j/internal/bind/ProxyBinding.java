package org.cffi4j.internal.bind;

import java.lang.invoke.MethodHandle;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Implements a bound interface for which {@link BindingHost} finds no place to define a hidden
 * class (a package of a named module neither open to cffi4j nor exported to it and visible from
 * its class loader) with a {@link Proxy}: the same method handles, called reflectively, so slower
 * than the hidden class, which the javadoc of {@code bind} says. Each handle is built on its
 * method's first call.
 */
final class ProxyBinding {
    private ProxyBinding() {}

    static <T> T create(Class<T> iface, List<Method> methods, List<MethodHandle> linkers) {
        Map<Method, Spread> byMethod = new HashMap<>();
        for (int i = 0; i < methods.size(); i++) {
            byMethod.put(
                    methods.get(i), new Spread(linkers.get(i), methods.get(i).getParameterCount()));
        }
        InvocationHandler h = (proxy, method, args) -> {
            Spread spread = byMethod.get(method);
            if (spread == null) {
                return objectMethod(proxy, method, args, iface);
            }
            try {
                return spread.handle().invoke(args == null ? new Object[0] : args);
            } finally {
                java.lang.ref.Reference.reachabilityFence(args); // the cdata arguments, until C returns
                java.lang.ref.Reference.reachabilityFence(spread); // and the library, which it holds
            }
        };
        return iface.cast(Proxy.newProxyInstance(iface.getClassLoader(), new Class<?>[] {iface}, h));
    }

    /** A method's handle taking its arguments as an array, built on first use. */
    private static final class Spread {
        private final MethodHandle linker;
        private final int arity;
        private volatile MethodHandle handle;

        Spread(MethodHandle linker, int arity) {
            this.linker = linker;
            this.arity = arity;
        }

        MethodHandle handle() {
            MethodHandle h = handle;
            if (h == null) {
                h = MethodLink.link(linker).asSpreader(Object[].class, arity);
                handle = h;
            }
            return h;
        }
    }

    private static Object objectMethod(Object proxy, Method method, Object[] args, Class<?> iface) {
        return switch (method.getName()) {
            case "equals" -> proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            case "toString" -> "<cffi4j binding of " + iface.getName() + ">";
            default -> throw new UnsupportedOperationException(method.toString());
        };
    }
}

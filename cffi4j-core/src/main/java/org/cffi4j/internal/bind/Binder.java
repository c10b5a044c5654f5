package org.cffi4j.internal.bind;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.cffi4j.FFIException;
import org.cffi4j.ctype.FunctionType;
import org.cffi4j.internal.call.Downcall;
import org.cffi4j.internal.call.TypedAdapter;
import org.cffi4j.internal.invoke.MethodLookup;

/**
 * Binds a user's Java interface to C functions: each abstract method is matched by name with a
 * cdef declaration and its signature is checked; a hidden class then implements the interface, each
 * method building its method handle (typed where the Java types allow, generic otherwise) on its
 * first call.
 */
public final class Binder {
    private static final MethodHandle APPLY;
    private static final MethodHandle FLATTEN;

    static {
        MethodHandles.Lookup l = MethodHandles.lookup();
        APPLY = MethodLookup.findVirtual(l, Function.class, "apply", MethodType.methodType(Object.class, Object.class));
        FLATTEN = MethodLookup.findStatic(
                l, Binder.class, "flatten", MethodType.methodType(Object[].class, Object[].class));
    }

    /**
     * A C function ready to bind.
     *
     * @param type its C type
     * @param downcall its typed downcall, or null for a variadic function
     * @param invoker the generic path: Java values in, Java value out
     */
    public record Linked(FunctionType type, Downcall downcall, Function<Object[], Object> invoker) {}

    private Binder() {}

    /** An implementation of {@code iface} whose methods call the C functions {@code link} gives by name. */
    public static <T> T bind(
            Class<T> iface, Function<String, Linked> link, java.util.Set<org.cffi4j.BindOption> options) {
        if (!iface.isInterface()) {
            throw new FFIException("bind needs an interface, not " + iface.getName());
        }
        List<Method> methods = new ArrayList<>();
        List<MethodHandle> linkers = new ArrayList<>();
        Method[] all = iface.getMethods();
        Arrays.sort(all, Comparator.comparing(Method::getName).thenComparing(Method::toGenericString));
        BindingErrors errors = new BindingErrors(iface);
        for (Method m : all) {
            if (!Modifier.isAbstract(m.getModifiers())) {
                continue;
            }
            try {
                Linked f = link.apply(m.getName());
                // The signature is checked now; the handle is built on the method's first call.
                linkers.add(
                        BindingSignature.isTyped(m, f.type()) && f.downcall() != null
                                ? MethodLink.of(m, () -> TypedAdapter.adapt(m, m.getName(), f.downcall(), options))
                                : MethodLink.of(m, () -> generic(m, f)));
                methods.add(m);
            } catch (FFIException e) {
                errors.add(m, e); // go on: one bind lists every bad method, to be fixed in one go
            }
        }
        errors.throwIfAny();
        return BindingClass.define(iface, methods, linkers);
    }

    // Java values through the conversion table at each call: boxed arguments collected into an array.
    private static MethodHandle generic(Method m, Linked f) {
        int n = m.getParameterCount();
        MethodHandle h = APPLY.bindTo(f.invoker()).asType(MethodType.methodType(Object.class, Object[].class));
        if (f.type().variadic()) {
            h = MethodHandles.filterArguments(h, 0, FLATTEN);
        }
        h = h.asCollector(Object[].class, n);
        MethodType target = MethodType.methodType(m.getReturnType(), m.getParameterTypes());
        if (m.getReturnType() == void.class) {
            h = h.asType(h.type().changeReturnType(void.class));
        }
        return h.asType(target);
    }

    // (fixed..., Object[] extra) -> (fixed..., extra...)
    private static Object[] flatten(Object[] args) {
        Object[] extra = (Object[]) args[args.length - 1];
        if (extra == null) {
            return Arrays.copyOf(args, args.length - 1);
        }
        Object[] all = Arrays.copyOf(args, args.length - 1 + extra.length);
        System.arraycopy(extra, 0, all, args.length - 1, extra.length);
        return all;
    }
}

package org.cffi4j.internal.upcall;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.function.Function;
import org.cffi4j.CData;
import org.cffi4j.FFIException;
import org.cffi4j.ctype.CType;
import org.cffi4j.ctype.FunctionType;
import org.cffi4j.ctype.PointerType;
import org.cffi4j.ctype.StructType;
import org.cffi4j.internal.bind.BindingSignature;
import org.cffi4j.internal.call.BindFilters;
import org.cffi4j.internal.convert.ArgConverter;
import org.cffi4j.internal.convert.ReturnConverter;
import org.cffi4j.internal.invoke.MethodLookup;
import org.cffi4j.internal.memory.CDataAccess;
import org.cffi4j.internal.memory.Lifetime;
import org.cffi4j.internal.memory.Memory;

/**
 * The method handle an upcall stub calls, taking and returning the linker's carriers: either a
 * functional interface's method adapted with the conversion table (checked against the C signature
 * when the callback is made), or a {@code Function<Object[], Object>} receiving converted arguments.
 */
final class UpcallTargets {
    private static final MethodHandle GENERIC_CALL;
    private static final MethodHandle TO_CDATA;
    private static final MethodHandle FROM_CDATA;

    static {
        MethodHandles.Lookup l = MethodHandles.lookup();
        GENERIC_CALL = MethodLookup.findVirtual(
                l, GenericTarget.class, "call", MethodType.methodType(Object.class, Object[].class));
        TO_CDATA = MethodLookup.findStatic(
                l, UpcallTargets.class, "toCData", MethodType.methodType(Object.class, CType.class, Object.class));
        FROM_CDATA = MethodLookup.findStatic(
                l,
                UpcallTargets.class,
                "fromJava",
                MethodType.methodType(Object.class, ArgConverter.class, Object.class));
    }

    private UpcallTargets() {}

    static MethodHandle of(PointerType type, FunctionType f, Object fn) {
        MethodType carriers = Upcalls.descriptor(f, type).toMethodType();
        if (fn instanceof Function<?, ?> g) {
            @SuppressWarnings("unchecked")
            Function<Object[], Object> generic = (Function<Object[], Object>) g;
            GenericTarget t = new GenericTarget(f, generic, type);
            return GENERIC_CALL
                    .bindTo(t)
                    .asCollector(Object[].class, f.params().size())
                    .asType(carriers);
        }
        Method m = functionalMethod(fn, type);
        if (m.getParameterCount() != f.params().size()) {
            throw new FFIException(mismatch(m, type) + "it has " + parameters(m.getParameterCount())
                    + ", the C function " + f.params().size());
        }
        MethodHandle h = unreflect(m, type).bindTo(fn);
        for (int i = 0; i < f.params().size(); i++) {
            h = adaptParameter(
                    h, i, f.params().get(i).type(), m.getParameterTypes()[i], carriers.parameterType(i), type, m);
        }
        h = adaptReturn(h, f.returnType(), carriers.returnType(), type, m);
        return h.asType(carriers);
    }

    private static MethodHandle adaptParameter(
            MethodHandle h, int i, CType c, Class<?> j, Class<?> carrier, PointerType type, Method m) {
        if (j == carrier) {
            return h;
        }
        BindingSignature.Fit fit = BindingSignature.returnFit(c, j); // C gives the value, Java receives it
        if (fit == BindingSignature.Fit.NONE && !(c instanceof StructType && (j == CData.class || j == Object.class))) {
            throw new FFIException(mismatch(m, type) + "parameter " + (i + 1) + " is " + j.getSimpleName()
                    + ", which cannot receive '" + c + "'");
        }
        MethodHandle convert = j == String.class
                ? BindFilters.STRING_RETURN
                : MethodHandles.insertArguments(TO_CDATA, 0, c).asType(MethodType.methodType(j, carrier));
        return MethodHandles.filterArguments(h, i, convert);
    }

    private static MethodHandle adaptReturn(MethodHandle h, CType c, Class<?> carrier, PointerType type, Method m) {
        Class<?> j = h.type().returnType();
        if (j == carrier) {
            return h;
        }
        if (BindingSignature.argFit(c, j) == BindingSignature.Fit.NONE) {
            throw new FFIException(
                    mismatch(m, type) + "the result " + j.getSimpleName() + " cannot be returned as '" + c + "'");
        }
        if (j == String.class || j.isArray()) { // converted into memory that is freed as the callback returns
            throw new FFIException(mismatch(m, type) + "a " + j.getSimpleName()
                    + " result has no C memory that outlives"
                    + " the call; return a cdata from " + (j == String.class ? "ffi.alloc(\"char[]\", s)" : "ffi.alloc")
                    + " kept alive elsewhere");
        }
        MethodHandle convert = MethodHandles.insertArguments(
                FROM_CDATA, 0, new ArgConverter(c, "the return value of callback '" + type + "'"));
        return MethodHandles.filterReturnValue(
                h.asType(h.type().changeReturnType(Object.class)),
                convert.asType(MethodType.methodType(carrier, Object.class)));
    }

    private static String mismatch(Method m, PointerType type) {
        return "the callback's " + BindingSignature.javaSignature(m) + " does not match '" + type + "': ";
    }

    private static String parameters(int n) {
        return n == 1 ? "1 parameter" : n + " parameters";
    }

    /** A C value received by a callback, as the Java value of the conversion table. */
    static Object toCData(CType c, Object carrierOrStruct) {
        if (c instanceof StructType s) {
            MemorySegment copy =
                    Memory.allocate(s.byteSize(), s.byteAlignment()); // the argument lives only during the call
            MemorySegment.copy((MemorySegment) carrierOrStruct, 0, copy, 0, s.byteSize());
            return CDataAccess.door().create(s, copy, Lifetime.owning(copy));
        }
        return ReturnConverter.fromCarrier(c, carrierOrStruct);
    }

    static Object fromJava(ArgConverter converter, Object value) {
        return converter.toCarrier(value, null);
    }

    private static Method functionalMethod(Object fn, PointerType type) {
        if (fn == null) {
            throw new FFIException("the Java function of callback '" + type + "' is null");
        }
        for (Class<?> c = fn.getClass(); c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                Method single = isFunctional(i) ? singleAbstractMethod(i) : null;
                if (single != null) {
                    return single;
                }
            }
        }
        throw new FFIException("the Java function of callback '" + type + "' must be a lambda of a functional interface"
                + " or a java.util.function.Function<Object[], Object>, not "
                + fn.getClass().getName());
    }

    // The JDK's own interfaces with one abstract method that are not meant as functions (an
    // Integer is a Comparable, a String a ConstantDesc) are not annotated @FunctionalInterface, as
    // its functional interfaces all are; a user's interface is taken by its shape.
    private static boolean isFunctional(Class<?> iface) {
        String p = iface.getPackageName();
        boolean jdk = p.startsWith("java.") || p.startsWith("javax.") || p.startsWith("jdk.") || p.startsWith("sun.");
        return !jdk || iface.isAnnotationPresent(FunctionalInterface.class);
    }

    private static Method singleAbstractMethod(Class<?> iface) {
        Method found = null;
        for (Method m : iface.getMethods()) {
            if (Modifier.isAbstract(m.getModifiers()) && !isObjectMethod(m)) {
                if (found != null) {
                    return null;
                }
                found = m;
            }
        }
        return found;
    }

    private static boolean isObjectMethod(Method m) {
        try {
            Object.class.getMethod(m.getName(), m.getParameterTypes());
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    private static MethodHandle unreflect(Method m, PointerType type) {
        try {
            return MethodHandles.publicLookup().unreflect(m);
        } catch (IllegalAccessException e) {
            try {
                m.setAccessible(true);
                return MethodHandles.lookup().unreflect(m);
            } catch (RuntimeException | IllegalAccessException e2) {
                throw new FFIException(
                        "cannot call " + m.getDeclaringClass().getName() + " from a callback ('" + type + "'): "
                                + ModuleAccess.advice(m.getDeclaringClass()),
                        e2);
            }
        }
    }

    /** The generic path: converted arguments in an Object[], the result converted back. */
    static final class GenericTarget {
        private final FunctionType f;
        private final Function<Object[], Object> fn;
        private final ArgConverter result;

        GenericTarget(FunctionType f, Function<Object[], Object> fn, PointerType type) {
            this.f = f;
            this.fn = fn;
            this.result = f.returnType() instanceof org.cffi4j.ctype.VoidType
                    ? null
                    : new ArgConverter(f.returnType(), "the return value of callback '" + type + "'");
        }

        Object call(Object[] carriers) {
            Object[] args = new Object[carriers.length];
            for (int i = 0; i < carriers.length; i++) {
                CType c = f.params().get(i).type();
                args[i] = toCData(c, carriers[i]);
            }
            Object r = fn.apply(args);
            return result == null ? null : result.toCarrier(r, null);
        }
    }
}

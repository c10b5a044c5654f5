package org.cffi4j.internal.bind;

import java.lang.foreign.MemorySegment;
import java.lang.reflect.Method;
import java.util.Map;
import org.cffi4j.CData;
import org.cffi4j.FFIException;
import org.cffi4j.ctype.CType;
import org.cffi4j.ctype.EnumType;
import org.cffi4j.ctype.FunctionType;
import org.cffi4j.ctype.PointerType;
import org.cffi4j.ctype.PrimitiveType;
import org.cffi4j.ctype.StructType;
import org.cffi4j.ctype.VoidType;

/**
 * Checks a Java interface method against the C declaration it binds to, and decides its path:
 * typed (every Java type is the linker's carrier or a direct conversion of it: primitives of the C
 * type's width, MemorySegment, CData, String for {@code char *}) or generic (boxed types and Object,
 * converted by the conversion table at each call).
 */
public final class BindingSignature {
    /** How one Java type meets its C type. */
    public enum Fit {
        /** The linker's own carrier: passed as is. */
        EXACT,
        /** A direct conversion on the typed path (CData, String). */
        CONVERTED,
        /** Only the generic path can convert it. */
        GENERIC,
        /** No conversion exists. */
        NONE
    }

    private static final Map<Class<?>, Class<?>> BOXES = Map.of(
            byte.class,
            Byte.class,
            short.class,
            Short.class,
            int.class,
            Integer.class,
            long.class,
            Long.class,
            float.class,
            Float.class,
            double.class,
            Double.class,
            boolean.class,
            Boolean.class,
            char.class,
            Character.class);

    private BindingSignature() {}

    /** Whether the method takes the typed path; throws if it does not match the C declaration. */
    static boolean isTyped(Method m, FunctionType c) {
        Class<?>[] params = m.getParameterTypes();
        boolean variadicCall =
                c.variadic() && params.length == c.params().size() + 1 && params[params.length - 1] == Object[].class;
        if (c.variadic() && !variadicCall
                || !c.variadic() && params.length != c.params().size()) {
            throw mismatch(
                    m,
                    c,
                    c.variadic()
                            ? "a variadic C function binds to a method whose last parameter is Object..."
                            : "it has " + params.length + " parameters, the C function "
                                    + c.params().size());
        }
        boolean typed = !c.variadic();
        for (int i = 0; i < c.params().size(); i++) {
            Fit f = argFit(c.params().get(i).type(), params[i]);
            if (f == Fit.NONE) {
                throw mismatch(
                        m,
                        c,
                        "parameter " + (i + 1) + " is " + params[i].getSimpleName() + ", which cannot be"
                                + " converted to '" + c.params().get(i).type() + "'");
            }
            typed &= f != Fit.GENERIC;
        }
        Fit r = returnFit(c.returnType(), m.getReturnType());
        if (r == Fit.NONE) {
            throw mismatch(
                    m,
                    c,
                    "the return type " + m.getReturnType().getSimpleName() + " cannot hold '" + c.returnType() + "'");
        }
        return typed && r != Fit.GENERIC;
    }

    /** How a Java value of type {@code j} passed to C as {@code c} fits the typed path. */
    public static Fit argFit(CType c, Class<?> j) {
        CType t = c instanceof EnumType e ? e.underlying() : c;
        return switch (t) {
            case PrimitiveType p -> primitiveFit(p, j);
            // a Java primitive array is a temporary C array, converted by the general path
            case PointerType p ->
                pointerFit(p, j, j.isArray() && j.getComponentType().isPrimitive());
            case StructType s -> {
                if (j == MemorySegment.class) {
                    yield Fit.EXACT;
                }
                if (j == CData.class) {
                    yield Fit.CONVERTED;
                }
                boolean initialiser = Map.class.isAssignableFrom(j) || java.util.List.class.isAssignableFrom(j);
                yield j == Object.class || initialiser ? Fit.GENERIC : Fit.NONE;
            }
            default -> Fit.NONE;
        };
    }

    // A C pointer as a Java MemorySegment (as is), CData or, for char pointers, String (converted),
    // Object or what else the general path takes (generic).
    private static Fit pointerFit(PointerType p, Class<?> j, boolean generalPathTakesIt) {
        if (j == MemorySegment.class) {
            return Fit.EXACT;
        }
        if (j == CData.class || j == String.class && isChar(p.target())) {
            return Fit.CONVERTED;
        }
        return j == Object.class || generalPathTakesIt ? Fit.GENERIC : Fit.NONE;
    }

    /** How a C value of type {@code c} received in Java as {@code j} fits the typed path. */
    public static Fit returnFit(CType c, Class<?> j) {
        CType t = c instanceof EnumType e ? e.underlying() : c;
        return switch (t) {
            case VoidType v -> j == void.class ? Fit.EXACT : Fit.NONE;
            case PrimitiveType p -> primitiveFit(p, j);
            case PointerType p -> pointerFit(p, j, false);
            case StructType s -> j == CData.class ? Fit.CONVERTED : j == Object.class ? Fit.GENERIC : Fit.NONE;
            default -> Fit.NONE;
        };
    }

    private static Fit primitiveFit(PrimitiveType p, Class<?> j) {
        Class<?> carrier = carrierOf(p);
        if (carrier == null) {
            return Fit.NONE;
        }
        if (j == carrier) {
            return Fit.EXACT;
        }
        return j == BOXES.get(carrier) || j == Object.class || j == Number.class && carrier != boolean.class
                ? Fit.GENERIC
                : Fit.NONE;
    }

    /** The Java primitive the linker uses for a C arithmetic type, or null if it has none. */
    static Class<?> carrierOf(PrimitiveType p) {
        if (!p.isComplete()) {
            return null;
        }
        return switch (p.kind()) {
            case BOOL -> boolean.class;
            case FLOATING -> p.size() == 4 ? float.class : p.size() == 8 ? double.class : null;
            case COMPLEX, UNKNOWN_FLOATING, UNKNOWN_INTEGER -> null;
            default ->
                switch ((int) p.size()) {
                    case 1 -> byte.class;
                    case 2 -> short.class;
                    case 4 -> int.class;
                    case 8 -> long.class;
                    default -> null;
                };
        };
    }

    private static boolean isChar(CType t) {
        return t instanceof PrimitiveType p && p.isComplete() && p.size() == 1 && p.isIntegral();
    }

    private static FFIException mismatch(Method m, FunctionType c, String why) {
        return new FFIException(errorPrefix(m) + "the Java"
                + " method '" + javaSignature(m) + "' does not match the cdef declaration '" + c.declare(m.getName())
                + "': " + why);
    }

    /** How the error about one method starts: {@code "cannot bind LibC.strlen: "}. */
    static String errorPrefix(Method m) {
        return "cannot bind " + m.getDeclaringClass().getSimpleName() + "." + m.getName() + ": ";
    }

    /** The method as Java declares it, for messages: {@code int strlen(String)}. */
    public static String javaSignature(Method m) {
        StringBuilder s = new StringBuilder(m.getReturnType().getSimpleName())
                .append(' ')
                .append(m.getName())
                .append('(');
        Class<?>[] p = m.getParameterTypes();
        for (int i = 0; i < p.length; i++) {
            s.append(i == 0 ? "" : ", ").append(p[i].getSimpleName());
        }
        return s.append(')').toString();
    }
}

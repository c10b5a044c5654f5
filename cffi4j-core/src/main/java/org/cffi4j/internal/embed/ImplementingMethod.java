package org.cffi4j.internal.embed;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import org.cffi4j.FFIException;
import org.cffi4j.ctype.CType;
import org.cffi4j.ctype.Param;
import org.cffi4j.ctype.PointerType;
import org.cffi4j.ctype.PrimitiveType;
import org.cffi4j.ctype.StructType;
import org.cffi4j.internal.invoke.MethodLookup;

/**
 * The Java method implementing an embedded C function: the {@code public static} method of the
 * same name (a Java keyword with a trailing {@code _}), whose types are the carriers of the
 * function's descriptor, as a generated binding has them: the primitive of each integer's width,
 * {@code MemorySegment} for a pointer. Two conveniences: a {@code String} for a {@code char *}
 * parameter (decoded from UTF-8, NULL is null), and for a struct by value a class with a static
 * {@code at(MemorySegment)} (a generated binding's struct class), returned through its
 * {@code segment()}.
 */
final class ImplementingMethod {
    private static final MethodHandle STRING_AT = MethodLookup.findStatic(
            MethodHandles.lookup(),
            ImplementingMethod.class,
            "stringAt",
            MethodType.methodType(String.class, MemorySegment.class));

    private ImplementingMethod() {}

    /**
     * The method's handle, of the descriptor's carrier types.
     *
     * @throws FFIException naming the class, the method and the C declaration when there is no such
     *     method or its types do not match
     */
    static MethodHandle of(Class<?> impl, EmbeddedFunction f) {
        MethodType carriers = f.descriptor().toMethodType();
        Method m = find(impl, f, carriers.parameterCount());
        MethodHandle h;
        try {
            h = MethodHandles.publicLookup().unreflect(m);
        } catch (IllegalAccessException e) {
            throw mismatch(impl, f, m, "it is not accessible: make the class public, in a package its module exports");
        }
        List<Param> params = f.declaration().type().params();
        for (int i = 0; i < carriers.parameterCount(); i++) {
            h = adaptParameter(h, i, carriers.parameterType(i), params.get(i).type(), impl, f, m);
        }
        h = adaptResult(h, carriers.returnType(), impl, f, m);
        return h;
    }

    private static Method find(Class<?> impl, EmbeddedFunction f, int arity) {
        String name = f.name();
        List<Method> named = Arrays.stream(impl.getDeclaredMethods())
                .filter(m -> m.getName().equals(name) || m.getName().equals(name + "_"))
                .filter(m -> !m.isSynthetic())
                .toList();
        List<Method> fitting = named.stream()
                .filter(m -> Modifier.isStatic(m.getModifiers()) && Modifier.isPublic(m.getModifiers()))
                .filter(m -> m.getParameterCount() == arity)
                .toList();
        if (fitting.size() == 1) {
            return fitting.getFirst();
        }
        String where = impl.getName() + " has ";
        if (named.isEmpty()) {
            throw new FFIException(where + "no method " + name + " for the C function '" + f.cDeclaration()
                    + "': add 'public static " + expected(f) + "'");
        }
        if (fitting.isEmpty()) {
            throw new FFIException(where + "no public static method " + name + " of " + arity + " parameter"
                    + (arity == 1 ? "" : "s") + " for the C function '" + f.cDeclaration() + "' (found "
                    + named.stream().map(ImplementingMethod::show).toList() + "): declare 'public static "
                    + expected(f) + "'");
        }
        throw new FFIException(where + fitting.size() + " public static methods " + name + " of " + arity
                + " parameters ("
                + fitting.stream().map(ImplementingMethod::show).toList()
                + "): the C function '" + f.cDeclaration() + "' needs exactly one");
    }

    private static MethodHandle adaptParameter(
            MethodHandle h, int i, Class<?> carrier, CType c, Class<?> impl, EmbeddedFunction f, Method m) {
        Class<?> declared = h.type().parameterType(i);
        if (declared == carrier) {
            return h;
        }
        if (carrier == MemorySegment.class && declared == String.class && isCharPointer(c)) {
            return MethodHandles.filterArguments(h, i, STRING_AT);
        }
        if (carrier == MemorySegment.class && c instanceof StructType) {
            MethodHandle at = structView(declared);
            if (at != null) {
                return MethodHandles.filterArguments(h, i, at);
            }
        }
        throw mismatch(
                impl,
                f,
                m,
                "parameter " + (i + 1) + " is " + declared.getSimpleName() + ", where C passes '"
                        + c + "' (" + carrier.getSimpleName() + (isCharPointer(c) ? " or String" : "")
                        + (c instanceof StructType ? " or a struct class with static at(MemorySegment)" : "") + ")");
    }

    private static MethodHandle adaptResult(
            MethodHandle h, Class<?> carrier, Class<?> impl, EmbeddedFunction f, Method m) {
        Class<?> declared = h.type().returnType();
        if (declared == carrier) {
            return h;
        }
        CType c = f.declaration().type().returnType();
        if (carrier == MemorySegment.class && c instanceof StructType) {
            try {
                MethodHandle segment = MethodHandles.publicLookup()
                        .findVirtual(declared, "segment", MethodType.methodType(MemorySegment.class));
                return MethodHandles.filterReturnValue(h, segment);
            } catch (ReflectiveOperationException e) {
                // not a struct class: reported below
            }
        }
        throw mismatch(
                impl,
                f,
                m,
                "it returns " + declared.getSimpleName() + ", where C expects '" + c + "' ("
                        + carrier.getSimpleName() + (c instanceof StructType ? " or a struct class with segment()" : "")
                        + ")");
    }

    // A generated struct class's static at(MemorySegment), or null.
    private static MethodHandle structView(Class<?> declared) {
        try {
            return MethodHandles.publicLookup()
                    .findStatic(declared, "at", MethodType.methodType(declared, MemorySegment.class));
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    private static boolean isCharPointer(CType c) {
        return c instanceof PointerType p
                && p.target() instanceof PrimitiveType t
                && (t.kind() == PrimitiveType.Kind.CHAR);
    }

    private static String stringAt(MemorySegment s) {
        return s.equals(MemorySegment.NULL)
                ? null
                : s.reinterpret(Long.MAX_VALUE).getString(0);
    }

    private static FFIException mismatch(Class<?> impl, EmbeddedFunction f, Method m, String why) {
        return new FFIException(impl.getName() + "." + show(m) + " does not implement the C function '"
                + f.cDeclaration() + "': " + why + "; declare 'public static " + expected(f) + "'");
    }

    private static String expected(EmbeddedFunction f) {
        MethodType t = f.descriptor().toMethodType();
        StringBuilder s = new StringBuilder(t.returnType().getSimpleName() + " " + f.name() + "(");
        List<Param> params = f.declaration().type().params();
        for (int i = 0; i < t.parameterCount(); i++) {
            String name = params.get(i).name();
            s.append(i == 0 ? "" : ", ")
                    .append(t.parameterType(i).getSimpleName())
                    .append(' ')
                    .append(name == null || name.isEmpty() ? "arg" + i : name);
        }
        return s.append(")").toString();
    }

    private static String show(Method m) {
        return m.getName()
                + Arrays.stream(m.getParameterTypes())
                        .map(Class::getSimpleName)
                        .collect(java.util.stream.Collectors.joining(", ", "(", ")"));
    }
}

package org.cffi4j;

import java.lang.invoke.MethodHandle;
import org.cffi4j.ctype.FunctionType;
import org.cffi4j.internal.call.Downcall;
import org.cffi4j.internal.call.VariadicDowncall;

/**
 * A C function of a {@link Library}, ready to call: {@link #invoke} converts Java values by the
 * conversion table (docs/SEMANTICS.md); {@link #handle()} is the exact FFM method handle for code
 * that wants raw speed.
 */
public final class CFunction {
    private final String name;
    private final FunctionType type;
    private final Downcall fixed;
    private final VariadicDowncall variadic;
    // API mode: a function whose values cross a C wrapper of another type (structs by pointer).
    private final java.util.function.Function<Object[], Object> adapted;

    CFunction(String name, FunctionType type, Downcall fixed, VariadicDowncall variadic) {
        this(name, type, fixed, variadic, null);
    }

    /** A function called through {@code adapted}, which converts to and from its C wrapper's types. */
    CFunction(String name, FunctionType type, java.util.function.Function<Object[], Object> adapted) {
        this(name, type, null, null, adapted);
    }

    private CFunction(
            String name,
            FunctionType type,
            Downcall fixed,
            VariadicDowncall variadic,
            java.util.function.Function<Object[], Object> adapted) {
        this.name = name;
        this.type = type;
        this.fixed = fixed;
        this.variadic = variadic;
        this.adapted = adapted;
    }

    /**
     * Calls the C function, converting each argument to its C parameter's type and the result back.
     *
     * {@snippet :
     * CFunction abs = libc.function("abs");
     * abs.invoke(-42);   // 42
     * }
     *
     * @param args the arguments, one per C parameter (and any number for a variadic function's
     *     {@code ...})
     * @return the result as a Java value ({@code null} for void)
     * @throws FFIException if an argument does not convert to its C type (the message names the
     *     argument and the type), or the library was closed
     */
    public Object invoke(Object... args) {
        try {
            if (adapted != null) {
                return adapted.apply(args);
            }
            return variadic != null ? variadic.invoke(args) : fixed.invoke(args);
        } finally {
            // This object holds its library: the library is not unmapped while C runs in it.
            java.lang.ref.Reference.reachabilityFence(this);
        }
    }

    /**
     * The exact FFM method handle of the function, taking and returning the linker's carrier types
     * ({@code int}, {@code long}, {@code MemorySegment}...); no conversion, no errno capture, and
     * no check that the library is still open: calling it after {@link Library#close()} is as
     * undefined as a call through a dangling function pointer in C.
     *
     * {@snippet :
     * MethodHandle abs = libc.function("abs").handle();   // (int)int
     * int a = (int) abs.invokeExact(-42);                  // 42
     * }
     *
     * @return the downcall method handle
     * @throws FFIException for a variadic function, which has one handle per argument list, or an API
     *     mode function called through a C wrapper (a struct passed by value the linker cannot pass)
     */
    public MethodHandle handle() {
        if (adapted != null) {
            throw new FFIException("'" + name + "' passes a struct by value that the FFM linker cannot pass: API mode"
                    + " calls it through a C wrapper that takes the struct by pointer, so it has no handle of its"
                    + " own C type; call it with invoke");
        }
        if (fixed == null) {
            throw new FFIException("'" + name + "' is variadic: it has one handle per list of argument types; use"
                    + " Linker.nativeLinker().downcallHandle with Linker.Option.firstVariadicArg for raw access");
        }
        return fixed.handle();
    }

    /** The typed downcall, or null for a variadic function or one called through an adapter. */
    Downcall downcall() {
        return fixed;
    }

    /**
     * The C type of the function, as the cdef declares it.
     *
     * @return the function type, e.g. {@code int(int)}
     */
    public FunctionType type() {
        return type;
    }

    @Override
    public String toString() {
        return "<cfunction '" + type.declare(name) + "'>";
    }
}

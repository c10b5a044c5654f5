package org.cffi4j.support;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.cffi4j.FFIException;
import org.cffi4j.internal.call.GeneratedDowncalls;

/**
 * A variadic C function of a generated binding ({@code printf}): the arguments after the fixed ones
 * take a C type from their Java type, with C's default argument promotions, as table V of the
 * runtime's semantics says ({@code Integer} to {@code int}, {@code Long} to {@code long}, {@code
 * Double} to {@code double}, {@code String} to a NUL-terminated {@code char *} alive for the call,
 * {@code MemorySegment} or {@code null} to a pointer). One downcall handle is made per list of
 * promoted types and reused.
 */
public final class VariadicFunction {
    private final MemorySegment address;
    private final String declaration;
    private final String missing; // why the function cannot be called, if it cannot
    private final FunctionDescriptor fixed;
    private final boolean errno;
    private final ConcurrentHashMap<List<MemoryLayout>, MethodHandle> handles = new ConcurrentHashMap<>();

    private VariadicFunction(
            MemorySegment address, String declaration, String missing, FunctionDescriptor fixed, boolean errno) {
        this.address = address;
        this.declaration = declaration;
        this.missing = missing;
        this.fixed = fixed;
        this.errno = errno;
    }

    /**
     * The variadic function {@code symbol}; if no library defines it, every call fails naming it.
     *
     * @param symbols where to look it up
     * @param symbol its symbol
     * @param declaration its C declaration, for messages
     * @param fixed the descriptor of its fixed parameters
     * @param errno whether its calls capture errno
     * @return the function
     */
    public static VariadicFunction of(
            SymbolTable symbols, String symbol, String declaration, FunctionDescriptor fixed, boolean errno) {
        return new VariadicFunction(
                symbols.find(symbol).orElse(null),
                declaration,
                "cannot call '" + declaration + "': " + symbols.whyMissing(symbol),
                fixed,
                errno);
    }

    /**
     * Calls the function.
     *
     * @param fixedArguments the fixed arguments, as the generated method received them
     * @param variadicArguments the others, promoted by their Java types
     * @return the result, boxed ({@code null} for {@code void})
     * @throws FFIException if an argument has no C type, or no library defines the function
     */
    public Object call(Object[] fixedArguments, Object... variadicArguments) {
        if (address == null) {
            throw new FFIException(missing);
        }
        Object[] arguments = variadicArguments == null ? new Object[] {null} : variadicArguments;
        try (Arena strings = Arena.ofConfined()) {
            List<MemoryLayout> promoted = new ArrayList<>(arguments.length);
            // the capture buffer first if errno is captured (a variadic function never returns a struct here)
            int lead = errno ? 1 : 0;
            Object[] all = new Object[lead + fixedArguments.length + arguments.length];
            if (errno) {
                all[0] = GeneratedDowncalls.buffer();
            }
            System.arraycopy(fixedArguments, 0, all, lead, fixedArguments.length);
            for (int i = 0; i < arguments.length; i++) {
                Object value = promote(arguments[i], fixedArguments.length + i + 1, strings);
                promoted.add(layoutOf(value));
                all[lead + fixedArguments.length + i] = value;
            }
            MethodHandle h = handles.computeIfAbsent(
                    promoted,
                    p -> GeneratedDowncalls.of(
                            address,
                            fixed.appendArgumentLayouts(p.toArray(MemoryLayout[]::new)),
                            fixed.argumentLayouts().size(),
                            errno));
            return h.invokeWithArguments(all);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new FFIException("unexpected exception from a C call: " + t, t);
        }
    }

    // C's default argument promotions, from the Java type.
    private Object promote(Object arg, int position, Arena strings) {
        return switch (arg) {
            case null -> MemorySegment.NULL;
            case Integer i -> i;
            case Short s -> (int) s;
            case Byte b -> (int) b;
            case Character c -> (int) c;
            case Boolean b -> b ? 1 : 0;
            case Long l -> l;
            case Double d -> d;
            case Float f -> (double) f;
            case String s -> strings.allocateFrom(s);
            case MemorySegment m -> m;
            default ->
                throw new FFIException("cannot pass " + org.cffi4j.internal.convert.IntegerRange.describe(arg)
                        + " as variadic argument " + position + " of '" + declaration
                        + "': use an Integer, Long, Double, String or MemorySegment");
        };
    }

    private static MemoryLayout layoutOf(Object promoted) {
        return switch (promoted) {
            case Integer i -> ValueLayout.JAVA_INT;
            case Long l -> ValueLayout.JAVA_LONG;
            case Double d -> ValueLayout.JAVA_DOUBLE;
            default -> ValueLayout.ADDRESS;
        };
    }
}

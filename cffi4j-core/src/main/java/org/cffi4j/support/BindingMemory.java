package org.cffi4j.support;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.cffi4j.FFIException;
import org.cffi4j.internal.call.GeneratedDowncalls;

/** Views of C memory for generated struct classes. */
public final class BindingMemory {
    private BindingMemory() {}

    /**
     * The {@code size} bytes at {@code pointer}: the segment itself if it is large enough (memory
     * Java allocated keeps its bounds and lifetime), else, for a pointer C returned (a zero-length
     * segment), the memory it points to.
     *
     * @param pointer the memory
     * @param size the size of the C type
     * @param cType the C type, for messages
     * @return a segment of exactly {@code size} bytes
     * @throws FFIException if the pointer is NULL, or a Java-allocated segment is too small
     */
    public static MemorySegment at(MemorySegment pointer, long size, String cType) {
        if (pointer == null || pointer.equals(MemorySegment.NULL)) {
            throw new FFIException("cannot view NULL as '" + cType + "'");
        }
        if (pointer.byteSize() >= size) {
            return pointer.asSlice(0, size);
        }
        if (pointer.byteSize() == 0 && pointer.isNative()) {
            return pointer.reinterpret(size);
        }
        throw new FFIException("cannot view " + pointer.byteSize() + " bytes as '" + cType + "', which takes " + size);
    }

    /**
     * The error of a value that does not fit a bitfield, as the runtime reports it.
     *
     * @param value the value, as C converts it to a 64-bit integer
     * @param member the bitfield's name
     * @param width its width in bits
     * @param min the smallest value it holds
     * @param max the largest value it holds
     * @return the exception to throw
     */
    public static FFIException bitfieldRange(long value, String member, int width, long min, long max) {
        return new FFIException("integer " + value + " does not fit in bitfield '" + member + "' of " + width
                + " bits: the range is " + min + ".." + max);
    }

    /**
     * The memory of a global variable: its symbol's address in ABI mode, what the glue library's
     * address getter returns in API mode.
     *
     * @param symbols the binding's symbols
     * @param symbol the variable's symbol
     * @param addressGetter API mode: the glue function returning its address; null in ABI mode
     * @param size the variable's size
     * @return its memory, or null if no library defines it ({@link #missingGlobal} then says so)
     */
    public static MemorySegment global(SymbolTable symbols, String symbol, String addressGetter, long size) {
        if (addressGetter == null) {
            return symbols.find(symbol).map(a -> a.reinterpret(size)).orElse(null);
        }
        return symbols.find(addressGetter)
                .map(getter -> (MemorySegment) callGetter(
                        getter, FunctionDescriptor.of(ValueLayout.ADDRESS), "the address of '" + symbol + "'"))
                .filter(a -> !a.equals(MemorySegment.NULL))
                .map(a -> a.reinterpret(size))
                .orElse(null);
    }

    /**
     * The error of a global variable no library defines.
     *
     * @param declaration the variable's C declaration
     * @return the exception to throw
     */
    public static FFIException missingGlobal(String declaration) {
        return new FFIException("cannot access '" + declaration + "': no library of the binding defines it");
    }

    /**
     * The value of an API-mode {@code static const} of any type, copied once by the glue library's
     * value getter into memory that lives as long as the binding's class.
     *
     * @param symbols the binding's symbols
     * @param valueGetter the glue function copying the value
     * @param size the constant's size
     * @return the value's bytes, or null if the glue library has no such function
     */
    public static MemorySegment constant(SymbolTable symbols, String valueGetter, long size) {
        return symbols.find(valueGetter)
                .map(getter -> {
                    MemorySegment out = Arena.ofAuto().allocate(Math.max(1, size), 16);
                    callGetter(
                            getter,
                            FunctionDescriptor.ofVoid(ValueLayout.ADDRESS),
                            "the value of '" + valueGetter + "'",
                            out);
                    return out.asSlice(0, size);
                })
                .orElse(null);
    }

    // One call of an API-mode glue getter: an address, or a value copied to its argument.
    private static Object callGetter(MemorySegment getter, FunctionDescriptor descriptor, String what, Object... args) {
        try {
            return GeneratedDowncalls.of(getter, descriptor, -1, false).invokeWithArguments(args);
        } catch (Throwable t) {
            throw new FFIException("cannot read " + what + ": " + t, t);
        }
    }
}

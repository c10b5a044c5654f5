package org.cffi4j.internal.call;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.cffi4j.CData;
import org.cffi4j.ctype.PointerType;
import org.cffi4j.ctype.StructType;
import org.cffi4j.internal.convert.Pointers;
import org.cffi4j.internal.convert.StructArguments;
import org.cffi4j.internal.convert.StructReturns;
import org.cffi4j.internal.convert.Values;
import org.cffi4j.internal.invoke.MethodLookup;
import org.cffi4j.internal.memory.ScratchStack;

/**
 * The conversions of the typed path of bound interfaces, as method handles to splice into a
 * downcall: each one is a small static method the JIT inlines.
 */
public final class BindFilters {
    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();

    static final MethodHandle STRING_ARG = find("stringArg", MemorySegment.class, String.class);
    /** {@code char *} to String: the C string the pointer points to, or null. */
    public static final MethodHandle STRING_RETURN = find("stringReturn", String.class, MemorySegment.class);

    static final MethodHandle MARK = find("mark", long.class);

    private BindFilters() {}

    private static MethodHandle find(String name, Class<?> ret, Class<?>... params) {
        return MethodLookup.findStatic(LOOKUP, BindFilters.class, name, MethodType.methodType(ret, params));
    }

    static MemorySegment stringArg(String s) {
        return ScratchStack.push(s);
    }

    static String stringReturn(MemorySegment m) {
        return m.address() == 0 ? null : m.reinterpret(Long.MAX_VALUE).getString(0);
    }

    static long mark() {
        return ScratchStack.mark();
    }

    /** A filter CData to address for a pointer parameter, checking the pointed-to type. */
    static MethodHandle cdataArg(PointerType expected, String where) {
        MethodHandle h = MethodLookup.findStatic(
                LOOKUP,
                Pointers.class,
                "toAddress",
                MethodType.methodType(MemorySegment.class, PointerType.class, Object.class, Object.class));
        MethodHandle typed = MethodHandles.insertArguments(h, 0, expected); // (Object value, Object where)
        return MethodHandles.insertArguments(typed, 1, where)
                .asType(MethodType.methodType(MemorySegment.class, CData.class));
    }

    /** A filter CData to memory for a struct passed by value, checking its type. */
    static MethodHandle structArg(StructType expected, String where) {
        MethodHandle h = MethodLookup.findStatic(
                LOOKUP,
                StructArguments.class,
                "cdataOnly",
                MethodType.methodType(MemorySegment.class, StructType.class, String.class, CData.class));
        return MethodHandles.insertArguments(h, 0, expected, where);
    }

    /** A filter address to CData for a pointer return. */
    static MethodHandle pointerReturn(PointerType type) {
        MethodHandle h = MethodLookup.findStatic(
                LOOKUP,
                Values.class,
                "pointer",
                MethodType.methodType(CData.class, PointerType.class, MemorySegment.class));
        return MethodHandles.insertArguments(h, 0, type);
    }

    /** A filter block to owning CData for a struct return. */
    static MethodHandle structReturn(StructType type) {
        MethodHandle h = MethodLookup.findStatic(
                LOOKUP,
                StructReturns.class,
                "own",
                MethodType.methodType(CData.class, StructType.class, MemorySegment.class));
        return MethodHandles.insertArguments(h, 0, type);
    }
}

package org.cffi4j.internal.ffm;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import org.cffi4j.FFIException;

/**
 * Native memory from the C runtime's allocator: zero-filled blocks whose release cffi4j controls
 * (explicitly, by a scope, or when unreachable), which FFM's arenas do not allow one by one cheaply.
 */
public final class Memory {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle CALLOC = LINKER.downcallHandle(
            LINKER.defaultLookup().find("calloc").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG));
    private static final MethodHandle FREE = LINKER.downcallHandle(
            LINKER.defaultLookup().find("free").orElseThrow(), FunctionDescriptor.ofVoid(ValueLayout.ADDRESS));

    private Memory() {}

    /** A zero-filled block of {@code size} bytes (at least one byte is allocated). */
    public static MemorySegment allocate(long size) {
        try {
            MemorySegment p = (MemorySegment) CALLOC.invokeExact(Math.max(1L, size), 1L);
            if (p.equals(MemorySegment.NULL)) {
                throw new FFIException("out of native memory allocating " + size + " bytes");
            }
            return p.reinterpret(size);
        } catch (FFIException e) {
            throw e;
        } catch (Throwable t) {
            throw new FFIException("native allocation failed: " + t, t);
        }
    }

    /** Frees a block from {@link #allocate}. */
    static void free(MemorySegment block) {
        try {
            FREE.invokeExact(block);
        } catch (Throwable t) {
            throw new FFIException("native free failed: " + t, t);
        }
    }
}

package org.cffi4j.benchmarks.embedding;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.cffi4j.CData;
import org.cffi4j.FFI;

/**
 * The Java side of the embedding benchmark: {@code add} is the embedded library's function, and
 * the same method as a cffi4j callback and as a raw FFM upcall stub, for the C program to compare.
 */
public final class BenchPlugin {
    private static final FFI FFI = new FFI();

    static {
        FFI.cdef("typedef int (*int_op)(int a, int b);");
    }

    /** {@code int_op} in Java. */
    public interface IntOp {
        /** The operation. */
        int apply(int a, int b);
    }

    private static final CData CALLBACK = FFI.callback("int_op", (IntOp) BenchPlugin::add);

    private BenchPlugin() {}

    /**
     * The function C calls.
     *
     * @param a a number
     * @param b another
     * @return their sum
     */
    public static int add(int a, int b) {
        return a + b;
    }

    /**
     * {@code add} through {@code ffi.callback}.
     *
     * @return the function pointer
     */
    public static MemorySegment callback_add() {
        return CALLBACK.segment();
    }

    /**
     * {@code add} as a raw FFM upcall stub, without cffi4j's guard.
     *
     * @return the function pointer
     * @throws ReflectiveOperationException never: add exists
     */
    public static MemorySegment raw_upcall_add() throws ReflectiveOperationException {
        return Linker.nativeLinker()
                .upcallStub(
                        MethodHandles.lookup()
                                .findStatic(
                                        BenchPlugin.class,
                                        "add",
                                        MethodType.methodType(int.class, int.class, int.class)),
                        FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT),
                        Arena.global());
    }
}

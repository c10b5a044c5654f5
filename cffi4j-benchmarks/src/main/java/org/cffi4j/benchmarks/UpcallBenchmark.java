package org.cffi4j.benchmarks;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.IntUnaryOperator;
import jnr.ffi.LibraryLoader;
import jnr.ffi.annotations.Delegate;
import jnr.ffi.types.size_t;
import org.cffi4j.CData;
import org.cffi4j.FFI;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The cost of C calling Java: libc's {@code qsort} of 16 ints with a Java comparator, and one call
 * of an {@code int (*)(int)} from C ({@code apply_cb} of src/main/c/benchlib.c, built by the run
 * script; its path comes in the system property {@code cffi4j.benchlib}). Raw FFM with a static
 * upcall stub is the baseline; cffi4j's callbacks are timed in the typed style (a functional
 * interface in the linker's types) and the generic {@code Function<Object[], Object>} style, both
 * called through a typed binding so that the difference is the upcall. The peers: JNA callbacks
 * ({@code Callback} interfaces) through interface mapping and through direct mapping, and JNR-FFI
 * callbacks ({@code @Delegate} interfaces), each the way its documentation shows; every callback
 * object is held in a static field, as each library asks, so that it stays alive. And hand-written
 * JNI ({@link Jni}): C glue (src/main/c/benchjni.c) passes its own C function to {@code qsort} or
 * {@code apply_cb}, which calls a static Java method through a method ID cached at load time; its
 * comparator reads the two ints in C and passes their values.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class UpcallBenchmark {
    static final String LIBRARY = System.getProperty("cffi4j.benchlib", "target/libbench.so");
    static final int N = 16;
    static final String COMPARATOR = "int(*)(const void *, const void *)";

    /** libc's qsort as a typed binding. */
    public interface Libc {
        void qsort(CData base, long n, long size, CData compare);
    }

    /** The benchmark library's apply_cb as a typed binding. */
    public interface Bench {
        int apply_cb(CData f, int x);
    }

    /** {@code int (*)(const void *, const void *)} in the linker's types. */
    @FunctionalInterface
    public interface Compare {
        int compare(MemorySegment a, MemorySegment b);
    }

    // Raw FFM, as a careful hand-written binding would do it: sized pointer arguments, static stubs.
    static final Linker LINKER = Linker.nativeLinker();
    static final ValueLayout INT_POINTER = ValueLayout.ADDRESS.withTargetLayout(ValueLayout.JAVA_INT);
    static final MethodHandle RAW_QSORT = LINKER.downcallHandle(
            LINKER.defaultLookup().find("qsort").orElseThrow(),
            FunctionDescriptor.ofVoid(
                    ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS));
    static final MethodHandle RAW_APPLY = LINKER.downcallHandle(
            SymbolLookup.libraryLookup(java.nio.file.Path.of(LIBRARY), Arena.global())
                    .find("apply_cb")
                    .orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    static final MemorySegment RAW_COMPARE = stub(
            "rawCompare",
            MethodType.methodType(int.class, MemorySegment.class, MemorySegment.class),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, INT_POINTER, INT_POINTER));
    static final MemorySegment RAW_TWICE = stub(
            "rawTwice",
            MethodType.methodType(int.class, int.class),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));

    // cffi4j, set up once per JVM like an application would.
    static final FFI FFI_ = new FFI();
    static final Libc LIBC;
    static final Bench BENCH;
    static final CData TYPED_COMPARE;
    static final CData GENERIC_COMPARE;
    static final CData TYPED_TWICE;
    static final CData GENERIC_TWICE;

    static {
        FFI_.cdef("""
                void qsort(void *base, size_t nmemb, size_t size, int (*compar)(const void *, const void *));
                int apply_cb(int (*f)(int), int x);
                """);
        LIBC = FFI_.dlopen(null).bind(Libc.class);
        BENCH = FFI_.dlopen(LIBRARY).bind(Bench.class);
        // A cffi4j callback gets bare (zero-length) pointers: the comparator sizes them itself.
        TYPED_COMPARE = FFI_.callback(COMPARATOR, (Compare) (a, b) -> Integer.compare(
                a.reinterpret(4).get(ValueLayout.JAVA_INT, 0), b.reinterpret(4).get(ValueLayout.JAVA_INT, 0)));
        GENERIC_COMPARE = FFI_.callback(COMPARATOR, (Function<Object[], Object>)
                args -> Integer.compare(intAt((CData) args[0]), intAt((CData) args[1])));
        TYPED_TWICE = FFI_.callback("int(*)(int)", (IntUnaryOperator) x -> 2 * x);
        GENERIC_TWICE = FFI_.callback("int(*)(int)", (Function<Object[], Object>) args -> 2 * (Integer) args[0]);
    }

    /** {@code int (*)(const void *, const void *)} for JNA. */
    public interface JnaCompare extends com.sun.jna.Callback {
        int invoke(com.sun.jna.Pointer a, com.sun.jna.Pointer b);
    }

    /** {@code int (*)(int)} for JNA. */
    public interface JnaIntFunction extends com.sun.jna.Callback {
        int invoke(int x);
    }

    /** libc's qsort for JNA's interface mapping. */
    public interface JnaLibc extends com.sun.jna.Library {
        void qsort(com.sun.jna.Pointer base, long n, long size, JnaCompare compare);
    }

    /** The benchmark library's apply_cb for JNA's interface mapping. */
    public interface JnaBench extends com.sun.jna.Library {
        int apply_cb(JnaIntFunction f, int x);
    }

    /** JNA's interface mapping and its callbacks, loaded on first use. */
    static final class Jna {
        static final JnaLibc LIBC = com.sun.jna.Native.load(com.sun.jna.Platform.C_LIBRARY_NAME, JnaLibc.class);
        static final JnaBench BENCH = com.sun.jna.Native.load(LIBRARY, JnaBench.class);
        static final JnaCompare COMPARE = (a, b) -> Integer.compare(a.getInt(0), b.getInt(0));
        static final JnaIntFunction TWICE = x -> 2 * x;
    }

    /** JNA's direct mapping of libc's qsort. */
    static final class JnaDirectLibc {
        static {
            com.sun.jna.Native.register(JnaDirectLibc.class, com.sun.jna.Platform.C_LIBRARY_NAME);
        }

        static native void qsort(com.sun.jna.Pointer base, long n, long size, JnaCompare compare);
    }

    /** JNA's direct mapping of the benchmark library's apply_cb. */
    static final class JnaDirectBench {
        static {
            com.sun.jna.Native.register(JnaDirectBench.class, LIBRARY);
        }

        static native int apply_cb(JnaIntFunction f, int x);
    }

    /** {@code int (*)(const void *, const void *)} for JNR-FFI. */
    public interface JnrCompare {
        @Delegate
        int compare(jnr.ffi.Pointer a, jnr.ffi.Pointer b);
    }

    /** {@code int (*)(int)} for JNR-FFI. */
    public interface JnrIntFunction {
        @Delegate
        int apply(int x);
    }

    /** libc's qsort for JNR-FFI. */
    public interface JnrLibc {
        void qsort(jnr.ffi.Pointer base, @size_t long n, @size_t long size, JnrCompare compare);
    }

    /** The benchmark library's apply_cb for JNR-FFI. */
    public interface JnrBench {
        int apply_cb(JnrIntFunction f, int x);
    }

    /** JNR-FFI and its callbacks, loaded on first use. */
    static final class Jnr {
        static final JnrLibc LIBC = LibraryLoader.create(JnrLibc.class).load("c");
        static final JnrBench BENCH = LibraryLoader.create(JnrBench.class).load(LIBRARY);
        static final JnrCompare COMPARE = (a, b) -> Integer.compare(a.getInt(0), b.getInt(0));
        static final JnrIntFunction TWICE = x -> 2 * x;
        static final jnr.ffi.Runtime RUNTIME = jnr.ffi.Runtime.getRuntime(LIBC);
    }

    private static int intAt(CData voidPointer) {
        return voidPointer.segment().reinterpret(4).get(ValueLayout.JAVA_INT, 0);
    }

    static int rawCompare(MemorySegment a, MemorySegment b) {
        return Integer.compare(a.get(ValueLayout.JAVA_INT, 0), b.get(ValueLayout.JAVA_INT, 0));
    }

    static int rawTwice(int x) {
        return 2 * x;
    }

    private static MemorySegment stub(String name, MethodType type, FunctionDescriptor fd) {
        try {
            MethodHandle target = MethodHandles.lookup().findStatic(UpcallBenchmark.class, name, type);
            return LINKER.upcallStub(target, fd, Arena.global());
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    int x = 21;
    MemorySegment unsorted;
    MemorySegment rawArray;
    CData array;

    @Setup
    public void setup() {
        unsorted = Arena.ofAuto().allocate(ValueLayout.JAVA_INT, N);
        for (int i = 0; i < N; i++) {
            unsorted.setAtIndex(ValueLayout.JAVA_INT, i, (i * 7 + 3) % N - N / 2); // a fixed permutation
        }
        rawArray = Arena.ofAuto().allocate(ValueLayout.JAVA_INT, N);
        array = FFI_.alloc("int[]", N);
    }

    /**
     * The array JNA sorts: native memory like the others' (filled from {@code unsorted} the same
     * way) as a JNA {@code Pointer}. A state of its own, so that only JNA's benchmarks load JNA.
     */
    @State(Scope.Thread)
    public static class JnaArray {
        final MemorySegment segment = Arena.ofAuto().allocate(ValueLayout.JAVA_INT, N);
        final com.sun.jna.Pointer pointer = new com.sun.jna.Pointer(segment.address());
    }

    /** The array JNR-FFI sorts, the same way, as a JNR-FFI {@code Pointer}. */
    @State(Scope.Thread)
    public static class JnrArray {
        final MemorySegment segment = Arena.ofAuto().allocate(ValueLayout.JAVA_INT, N);
        final jnr.ffi.Pointer pointer =
                Jnr.RUNTIME.getMemoryManager().newPointer(segment.address(), segment.byteSize());
    }

    /** The array JNI sorts, the same way; the glue gets its address as a {@code long}. */
    @State(Scope.Thread)
    public static class JniArray {
        final MemorySegment segment = Arena.ofAuto().allocate(ValueLayout.JAVA_INT, N);
        final long address = segment.address();
    }

    @Benchmark
    public void qsort16_rawFfm() throws Throwable {
        MemorySegment.copy(unsorted, 0, rawArray, 0, 4L * N);
        RAW_QSORT.invokeExact(rawArray, (long) N, 4L, RAW_COMPARE);
    }

    @Benchmark
    public void qsort16_typed() {
        MemorySegment.copy(unsorted, 0, array.segment(), 0, 4L * N);
        LIBC.qsort(array, N, 4L, TYPED_COMPARE);
    }

    @Benchmark
    public void qsort16_generic() {
        MemorySegment.copy(unsorted, 0, array.segment(), 0, 4L * N);
        LIBC.qsort(array, N, 4L, GENERIC_COMPARE);
    }

    @Benchmark
    public int applyCb_rawFfm() throws Throwable {
        return (int) RAW_APPLY.invokeExact(RAW_TWICE, x);
    }

    @Benchmark
    public int applyCb_typed() {
        return BENCH.apply_cb(TYPED_TWICE, x);
    }

    @Benchmark
    public int applyCb_generic() {
        return BENCH.apply_cb(GENERIC_TWICE, x);
    }

    @Benchmark
    public void qsort16_jnaInterface(JnaArray peer) {
        MemorySegment.copy(unsorted, 0, peer.segment, 0, 4L * N);
        Jna.LIBC.qsort(peer.pointer, N, 4L, Jna.COMPARE);
    }

    @Benchmark
    public void qsort16_jnaDirect(JnaArray peer) {
        MemorySegment.copy(unsorted, 0, peer.segment, 0, 4L * N);
        JnaDirectLibc.qsort(peer.pointer, N, 4L, Jna.COMPARE);
    }

    @Benchmark
    public void qsort16_jnr(JnrArray peer) {
        MemorySegment.copy(unsorted, 0, peer.segment, 0, 4L * N);
        Jnr.LIBC.qsort(peer.pointer, N, 4L, Jnr.COMPARE);
    }

    @Benchmark
    public int applyCb_jnaInterface() {
        return Jna.BENCH.apply_cb(Jna.TWICE, x);
    }

    @Benchmark
    public int applyCb_jnaDirect() {
        return JnaDirectBench.apply_cb(Jna.TWICE, x);
    }

    @Benchmark
    public int applyCb_jnr() {
        return Jnr.BENCH.apply_cb(Jnr.TWICE, x);
    }

    @Benchmark
    public void qsort16_jni(JniArray peer) {
        MemorySegment.copy(unsorted, 0, peer.segment, 0, 4L * N);
        Jni.qsort(peer.address, N);
    }

    @Benchmark
    public int applyCb_jni() {
        return Jni.applyCb(x);
    }
}

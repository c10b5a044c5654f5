package org.cffi4j.benchmarks;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.cffi4j.BindOption;
import org.cffi4j.CData;
import org.cffi4j.CFunction;
import org.cffi4j.FFI;
import org.cffi4j.Library;
import org.cffi4j.benchmarks.generated.BenchLib;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The cost of one call from Java to C: raw FFM with static final exact handles (the baseline), raw
 * FFM capturing errno (what any binding that keeps errno pays at least), and cffi4j's three ways of
 * calling, {@code bind} (a typed interface), {@code function().invoke} and {@code call}, on the
 * same small C library (built by the run script from src/main/c/benchlib.c; its path comes in the
 * system property {@code cffi4j.benchlib}). The peers on the same calls are in {@link
 * CallBenchmarkPeers}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class CallBenchmark {
    static final String LIBRARY = System.getProperty("cffi4j.benchlib", "target/libbench.so");

    /** The benchmark library's declarations, as its header would give them. */
    public static final String CDEF = """
            struct point { int x; int y; };
            void noop(void);
            int add_ints(int a, int b);
            double add_doubles(double a, double b);
            int sum_point(struct point p);
            size_t my_strlen(const char *s);
            """;

    /** The benchmark library as a typed cffi4j binding. */
    public interface Bench {
        void noop();

        int add_ints(int a, int b);

        double add_doubles(double a, double b);

        int sum_point(CData p);

        long my_strlen(String s);
    }

    // Raw FFM, as a careful hand-written binding would do it.
    static final Linker LINKER = Linker.nativeLinker();
    static final SymbolLookup LOOKUP = SymbolLookup.libraryLookup(java.nio.file.Path.of(LIBRARY), Arena.global());
    static final StructLayout POINT =
            MemoryLayout.structLayout(ValueLayout.JAVA_INT.withName("x"), ValueLayout.JAVA_INT.withName("y"));
    static final MethodHandle RAW_NOOP = raw("noop", FunctionDescriptor.ofVoid());
    static final MethodHandle RAW_NOOP_CRITICAL = LINKER.downcallHandle(
            LOOKUP.find("noop").orElseThrow(), FunctionDescriptor.ofVoid(), Linker.Option.critical(false));
    static final MethodHandle RAW_ADD_INTS_CRITICAL = LINKER.downcallHandle(
            LOOKUP.find("add_ints").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT),
            Linker.Option.critical(false));
    static final MethodHandle RAW_ADD_INTS =
            raw("add_ints", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    static final MethodHandle RAW_ADD_DOUBLES = raw(
            "add_doubles",
            FunctionDescriptor.of(ValueLayout.JAVA_DOUBLE, ValueLayout.JAVA_DOUBLE, ValueLayout.JAVA_DOUBLE));
    // Raw FFM capturing errno into a constant buffer: the least any binding that keeps errno pays
    // (a constant buffer is right for one thread only; cffi4j's bind keeps one per thread).
    static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");
    static final MemorySegment ERRNO_BUFFER = Arena.global().allocate(Linker.Option.captureStateLayout());
    static final MethodHandle RAW_ERRNO_NOOP =
            LINKER.downcallHandle(LOOKUP.find("noop").orElseThrow(), FunctionDescriptor.ofVoid(), CAPTURE_ERRNO);
    static final MethodHandle RAW_ERRNO_ADD_INTS = LINKER.downcallHandle(
            LOOKUP.find("add_ints").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT),
            CAPTURE_ERRNO);
    static final MethodHandle RAW_ERRNO_ADD_DOUBLES = LINKER.downcallHandle(
            LOOKUP.find("add_doubles").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_DOUBLE, ValueLayout.JAVA_DOUBLE, ValueLayout.JAVA_DOUBLE),
            CAPTURE_ERRNO);
    static final MethodHandle RAW_ERRNO_SUM_POINT = LINKER.downcallHandle(
            LOOKUP.find("sum_point").orElseThrow(), FunctionDescriptor.of(ValueLayout.JAVA_INT, POINT), CAPTURE_ERRNO);
    static final MethodHandle RAW_SUM_POINT = raw("sum_point", FunctionDescriptor.of(ValueLayout.JAVA_INT, POINT));
    static final MethodHandle RAW_STRLEN =
            raw("my_strlen", FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.ADDRESS));

    // cffi4j, set up once per JVM like an application would.
    static final FFI FFI_ = new FFI();
    static final Library LIB;
    static final Bench BENCH;
    static final Bench BENCH_NO_ERRNO;
    static final Bench BENCH_CRITICAL;
    static final CFunction NOOP;
    static final CFunction ADD_INTS;
    static final CFunction ADD_DOUBLES;
    static final CFunction SUM_POINT;
    static final CFunction STRLEN;

    static {
        FFI_.cdef(CDEF);
        LIB = FFI_.dlopen(LIBRARY);
        BENCH = LIB.bind(Bench.class);
        BENCH_NO_ERRNO = LIB.bind(Bench.class, BindOption.NO_ERRNO);
        BENCH_CRITICAL = LIB.bind(Bench.class, BindOption.CRITICAL);
        NOOP = LIB.function("noop");
        ADD_INTS = LIB.function("add_ints");
        ADD_DOUBLES = LIB.function("add_doubles");
        SUM_POINT = LIB.function("sum_point");
        STRLEN = LIB.function("my_strlen");
    }

    private static MethodHandle raw(String name, FunctionDescriptor fd) {
        return LINKER.downcallHandle(LOOKUP.find(name).orElseThrow(), fd);
    }

    int a = 20;
    int b = 22;
    double x = 1.5;
    double y = 2.25;
    String text = "hello, world";
    MemorySegment rawPoint;
    CData point;

    @Setup
    public void setup() {
        rawPoint = Arena.ofAuto().allocate(POINT);
        rawPoint.set(ValueLayout.JAVA_INT, 0, 3);
        rawPoint.set(ValueLayout.JAVA_INT, 4, 4);
        point = FFI_.alloc("struct point *", Map.of("x", 3, "y", 4));
        point = (CData) point.deref();
    }

    @Benchmark
    public void noop_rawFfm() throws Throwable {
        RAW_NOOP.invokeExact();
    }

    @Benchmark
    public void noop_bind() {
        BENCH.noop();
    }

    @Benchmark
    public Object noop_invoke() {
        return NOOP.invoke();
    }

    @Benchmark
    public Object noop_call() {
        return LIB.call("noop");
    }

    @Benchmark
    public int addInts_rawFfm() throws Throwable {
        return (int) RAW_ADD_INTS.invokeExact(a, b);
    }

    @Benchmark
    public int addInts_bind() {
        return BENCH.add_ints(a, b);
    }

    @Benchmark
    public Object addInts_invoke() {
        return ADD_INTS.invoke(a, b);
    }

    @Benchmark
    public Object addInts_call() {
        return LIB.call("add_ints", a, b);
    }

    @Benchmark
    public double addDoubles_rawFfm() throws Throwable {
        return (double) RAW_ADD_DOUBLES.invokeExact(x, y);
    }

    @Benchmark
    public double addDoubles_bind() {
        return BENCH.add_doubles(x, y);
    }

    @Benchmark
    public Object addDoubles_invoke() {
        return ADD_DOUBLES.invoke(x, y);
    }

    @Benchmark
    public Object addDoubles_call() {
        return LIB.call("add_doubles", x, y);
    }

    @Benchmark
    public int sumPoint_rawFfm() throws Throwable {
        return (int) RAW_SUM_POINT.invokeExact(rawPoint);
    }

    @Benchmark
    public int sumPoint_bind() {
        return BENCH.sum_point(point);
    }

    @Benchmark
    public Object sumPoint_invoke() {
        return SUM_POINT.invoke(point);
    }

    @Benchmark
    public Object sumPoint_call() {
        return LIB.call("sum_point", point);
    }

    @Benchmark
    public long strlen_rawFfm() throws Throwable {
        try (Arena arena = Arena.ofConfined()) {
            return (long) RAW_STRLEN.invokeExact(arena.allocateFrom(text));
        }
    }

    @Benchmark
    public long strlen_bind() {
        return BENCH.my_strlen(text);
    }

    @Benchmark
    public Object strlen_invoke() {
        return STRLEN.invoke(text);
    }

    @Benchmark
    public Object strlen_call() {
        return LIB.call("my_strlen", text);
    }

    @Benchmark
    public void noop_bindNoErrno() {
        BENCH_NO_ERRNO.noop();
    }

    @Benchmark
    public int addInts_bindNoErrno() {
        return BENCH_NO_ERRNO.add_ints(a, b);
    }

    @Benchmark
    public double addDoubles_bindNoErrno() {
        return BENCH_NO_ERRNO.add_doubles(x, y);
    }

    @Benchmark
    public int sumPoint_bindNoErrno() {
        return BENCH_NO_ERRNO.sum_point(point);
    }

    @Benchmark
    public long strlen_bindNoErrno() {
        return BENCH_NO_ERRNO.my_strlen(text);
    }

    @Benchmark
    public void noop_rawCritical() throws Throwable {
        RAW_NOOP_CRITICAL.invokeExact();
    }

    @Benchmark
    public void noop_bindCritical() {
        BENCH_CRITICAL.noop();
    }

    @Benchmark
    public int addInts_rawCritical() throws Throwable {
        return (int) RAW_ADD_INTS_CRITICAL.invokeExact(a, b);
    }

    @Benchmark
    public int addInts_bindCritical() {
        return BENCH_CRITICAL.add_ints(a, b);
    }

    @Benchmark
    public void noop_rawErrno() throws Throwable {
        RAW_ERRNO_NOOP.invokeExact(ERRNO_BUFFER);
    }

    @Benchmark
    public int addInts_rawErrno() throws Throwable {
        return (int) RAW_ERRNO_ADD_INTS.invokeExact(ERRNO_BUFFER, a, b);
    }

    @Benchmark
    public double addDoubles_rawErrno() throws Throwable {
        return (double) RAW_ERRNO_ADD_DOUBLES.invokeExact(ERRNO_BUFFER, x, y);
    }

    @Benchmark
    public int sumPoint_rawErrno() throws Throwable {
        return (int) RAW_ERRNO_SUM_POINT.invokeExact(ERRNO_BUFFER, rawPoint);
    }
    // A binding generated at build time (generated/BenchLib.java, from src/main/cffi/bench.cdef): static
    // methods over static final handles; it captures errno, so its peer is raw FFM errno.
    BenchLib.struct_point generatedPoint;

    @Setup
    public void setupGenerated() {
        generatedPoint = BenchLib.struct_point.allocate(Arena.ofAuto()).x(3).y(4);
    }

    @Benchmark
    public void noop_generated() {
        BenchLib.noop();
    }

    @Benchmark
    public int addInts_generated() {
        return BenchLib.add_ints(a, b);
    }

    @Benchmark
    public double addDoubles_generated() {
        return BenchLib.add_doubles(x, y);
    }

    @Benchmark
    public int sumPoint_generated() {
        return BenchLib.sum_point(generatedPoint);
    }

    @Benchmark
    public long strlen_generated() {
        try (Arena arena = Arena.ofConfined()) {
            return BenchLib.my_strlen(arena.allocateFrom(text));
        }
    }
}

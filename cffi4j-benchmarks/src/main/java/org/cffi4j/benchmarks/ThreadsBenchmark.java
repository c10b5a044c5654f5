package org.cffi4j.benchmarks;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntUnaryOperator;
import org.cffi4j.CData;
import org.cffi4j.FFI;
import org.cffi4j.Library;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Calls and callbacks from virtual threads, as Java servers now run requests, beside the same work
 * on a pool of platform threads (one per core). One operation runs {@link #TASKS} tasks, each making
 * {@link #CALLS} calls of {@code add_ints} and one call of {@code apply_cb}, which calls back into
 * Java (a counter the operation checks: every callback ran, on its virtual thread's carrier); the
 * score is per call. {@code vthreads}: a new virtual thread per task; {@code pthreads}: the pool.
 * Ways: raw FFM (static final handles, an upcall stub of a static method) and cffi4j's {@code bind}
 * (with and without errno) with a typed callback.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class ThreadsBenchmark {
    static final int TASKS = 10_000;
    static final int CALLS = 200;
    static final int PER_OP = TASKS * (CALLS + 1);

    /** The calls, typed. */
    public interface Calls {
        int add_ints(int a, int b);

        int apply_cb(CData f, int x);
    }

    static final LongAdder CALLBACKS = new LongAdder();
    static final FFI FFI_ = new FFI();
    static final Library LIB;
    static final Calls BIND;
    static final Calls BIND_NO_ERRNO;
    static final CData CALLBACK;
    static final MethodHandle RAW_ADD_INTS = CallBenchmark.RAW_ADD_INTS;
    static final MethodHandle RAW_APPLY_CB = Linker.nativeLinker()
            .downcallHandle(
                    CallBenchmark.LOOKUP.find("apply_cb").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    static final MemorySegment RAW_CALLBACK;

    static {
        FFI_.cdef("int add_ints(int a, int b); int apply_cb(int (*f)(int), int x);");
        LIB = FFI_.dlopen(CallBenchmark.LIBRARY);
        BIND = LIB.bind(Calls.class);
        BIND_NO_ERRNO = LIB.bind(Calls.class, org.cffi4j.BindOption.NO_ERRNO);
        CALLBACK = FFI_.callback("int(*)(int)", (IntUnaryOperator) ThreadsBenchmark::counted);
        try {
            RAW_CALLBACK = Linker.nativeLinker()
                    .upcallStub(
                            MethodHandles.lookup()
                                    .findStatic(
                                            ThreadsBenchmark.class,
                                            "counted",
                                            MethodType.methodType(int.class, int.class)),
                            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT),
                            Arena.global());
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    static int counted(int x) {
        CALLBACKS.increment();
        return x + 1;
    }

    ExecutorService pool;
    ExecutorService virtual;

    @Setup(Level.Trial)
    public void setup() throws Exception {
        pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        virtual = Executors.newVirtualThreadPerTaskExecutor();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.shutdown();
        virtual.shutdown();
    }

    private static long run(ExecutorService on, Task task) throws Exception {
        long before = CALLBACKS.sum();
        List<Future<Long>> done = new ArrayList<>(TASKS);
        for (int t = 0; t < TASKS; t++) {
            done.add(on.submit(task::run));
        }
        long digest = 0;
        for (Future<Long> f : done) {
            digest += f.get();
        }
        long callbacks = CALLBACKS.sum() - before;
        long expected = (long) TASKS * (CALLS * 3L + 2);
        if (callbacks != TASKS || digest != expected) {
            throw new AssertionError(callbacks + " callbacks of " + TASKS + ", digest " + digest + " not " + expected);
        }
        return digest;
    }

    /** One task's calls; returns what they computed. */
    interface Task {
        long run() throws Exception;
    }

    static long rawTask() throws Exception {
        try {
            long d = 0;
            for (int i = 0; i < CALLS; i++) {
                d += (int) RAW_ADD_INTS.invokeExact(1, 2);
            }
            return d + (int) RAW_APPLY_CB.invokeExact(RAW_CALLBACK, 1);
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    static long bindTask() {
        return task(BIND);
    }

    static long bindNoErrnoTask() {
        return task(BIND_NO_ERRNO);
    }

    private static long task(Calls c) {
        long d = 0;
        for (int i = 0; i < CALLS; i++) {
            d += c.add_ints(1, 2);
        }
        return d + c.apply_cb(CALLBACK, 1);
    }

    @Benchmark
    @OperationsPerInvocation(PER_OP)
    public long pthreads_rawFfm() throws Exception {
        return run(pool, ThreadsBenchmark::rawTask);
    }

    @Benchmark
    @OperationsPerInvocation(PER_OP)
    public long vthreads_rawFfm() throws Exception {
        return run(virtual, ThreadsBenchmark::rawTask);
    }

    @Benchmark
    @OperationsPerInvocation(PER_OP)
    public long pthreads_bind() throws Exception {
        return run(pool, ThreadsBenchmark::bindTask);
    }

    @Benchmark
    @OperationsPerInvocation(PER_OP)
    public long vthreads_bind() throws Exception {
        return run(virtual, ThreadsBenchmark::bindTask);
    }

    @Benchmark
    @OperationsPerInvocation(PER_OP)
    public long pthreads_bindNoErrno() throws Exception {
        return run(pool, ThreadsBenchmark::bindNoErrnoTask);
    }

    @Benchmark
    @OperationsPerInvocation(PER_OP)
    public long vthreads_bindNoErrno() throws Exception {
        return run(virtual, ThreadsBenchmark::bindNoErrnoTask);
    }
}

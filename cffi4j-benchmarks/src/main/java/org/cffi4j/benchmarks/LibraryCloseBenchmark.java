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
import java.lang.invoke.SwitchPoint;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * What it costs to keep a library from being unmapped under a running call, measured on raw FFM
 * calls of {@code add_ints} (the design behind {@code Library.close}, see docs/DESIGN.md): no
 * protection; a volatile "closed" flag read per call (what bound methods did before); a {@link
 * SwitchPoint} guard (what they do now, with {@code Reference.reachabilityFence} keeping the
 * library reachable, which costs nothing); a shared counter of calls in flight incremented and
 * decremented around each call; a per-thread counter with a full fence (the cheapest correct
 * counting); and FFM's own way, a symbol address whose segment belongs to a shared arena, which the
 * linker acquires and releases around each call. Each on one thread and on two threads at once.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class LibraryCloseBenchmark {
    static final Linker LINKER = Linker.nativeLinker();
    static final MemorySegment ADD_INTS = SymbolLookup.libraryLookup(
                    java.nio.file.Path.of(CallBenchmark.LIBRARY), Arena.global())
            .find("add_ints")
            .orElseThrow();
    static final FunctionDescriptor II_I =
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT);
    static final MethodHandle RAW = LINKER.downcallHandle(ADD_INTS, II_I);
    static final MethodHandle SHARED_ARENA = LINKER.downcallHandle(
            ADD_INTS.reinterpret(0, Arena.ofShared(), null), II_I); // the library's arena, never closed here
    static final MethodHandle SWITCH_POINT;
    static volatile boolean closed;
    static final java.util.concurrent.atomic.AtomicLong IN_FLIGHT = new java.util.concurrent.atomic.AtomicLong();
    static final ThreadLocal<long[]> MINE = ThreadLocal.withInitial(() -> new long[16]);
    static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);

    static {
        try {
            MethodHandle fail = MethodHandles.lookup()
                    .findStatic(
                            LibraryCloseBenchmark.class,
                            "closedError",
                            MethodType.methodType(int.class, int.class, int.class));
            SWITCH_POINT = new SwitchPoint().guardWithTest(RAW, fail);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    static int closedError(int a, int b) {
        throw new IllegalStateException("closed");
    }

    int a = 20;
    int b = 22;

    @Benchmark
    public int raw() throws Throwable {
        return (int) RAW.invokeExact(a, b);
    }

    @Benchmark
    public int volatileFlag() throws Throwable {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        return (int) RAW.invokeExact(a, b);
    }

    @Benchmark
    public int switchPoint() throws Throwable {
        return (int) SWITCH_POINT.invokeExact(a, b);
    }

    @Benchmark
    public int sharedCounter() throws Throwable {
        IN_FLIGHT.incrementAndGet();
        try {
            if (closed) {
                throw new IllegalStateException("closed");
            }
            return (int) RAW.invokeExact(a, b);
        } finally {
            IN_FLIGHT.decrementAndGet();
        }
    }

    @Benchmark
    public int threadCounter() throws Throwable {
        long[] mine = MINE.get();
        LONGS.getAndAdd(mine, 8, 1L); // a full fence: the closer must see it before it reads the flag
        try {
            if (closed) {
                throw new IllegalStateException("closed");
            }
            return (int) RAW.invokeExact(a, b);
        } finally {
            LONGS.setRelease(mine, 8, (long) LONGS.get(mine, 8) - 1);
        }
    }

    @Benchmark
    public int sharedArena() throws Throwable {
        return (int) SHARED_ARENA.invokeExact(a, b);
    }

    @Benchmark
    @Threads(2)
    public int raw2() throws Throwable {
        return raw();
    }

    @Benchmark
    @Threads(2)
    public int switchPoint2() throws Throwable {
        return switchPoint();
    }

    @Benchmark
    @Threads(2)
    public int sharedCounter2() throws Throwable {
        return sharedCounter();
    }

    @Benchmark
    @Threads(2)
    public int threadCounter2() throws Throwable {
        return threadCounter();
    }

    @Benchmark
    @Threads(2)
    public int sharedArena2() throws Throwable {
        return sharedArena();
    }
}

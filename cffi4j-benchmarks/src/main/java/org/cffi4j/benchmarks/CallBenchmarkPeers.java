package org.cffi4j.benchmarks;

import java.util.concurrent.TimeUnit;
import jnr.ffi.LibraryLoader;
import jnr.ffi.types.size_t;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The peers on the calls of {@link CallBenchmark}, with the same inputs: JNA with interface mapping
 * ({@code Native.load}) and with direct mapping ({@code Native.register}), and JNR-FFI ({@code
 * LibraryLoader}), each set up as its documentation shows, and hand-written JNI ({@link Jni}: native
 * methods whose C glue, src/main/c/benchjni.c, calls the library; JNI cannot pass a struct, so its
 * {@code sumPoint} passes the fields and the glue builds the struct). JNR-FFI cannot pass a struct
 * by value, so it has no {@code sumPoint}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class CallBenchmarkPeers {
    static final String LIBRARY = CallBenchmark.LIBRARY;

    /** {@code struct point} for JNA. */
    @com.sun.jna.Structure.FieldOrder({"x", "y"})
    public static class JnaPoint extends com.sun.jna.Structure {
        public int x;
        public int y;

        /** The same struct, passed by value. */
        public static class ByValue extends JnaPoint implements com.sun.jna.Structure.ByValue {}
    }

    /** The benchmark library for JNA's interface mapping. */
    public interface JnaBench extends com.sun.jna.Library {
        void noop();

        int add_ints(int a, int b);

        double add_doubles(double a, double b);

        int sum_point(JnaPoint.ByValue p);

        long my_strlen(String s);
    }

    /** JNA's interface mapping, loaded on first use so that the other benchmarks' JVMs never load JNA. */
    static final class Jna {
        static final JnaBench BENCH = com.sun.jna.Native.load(LIBRARY, JnaBench.class);
    }

    /** JNA's direct mapping: native static methods bound by {@code Native.register}. */
    static final class JnaDirect {
        static {
            com.sun.jna.Native.register(JnaDirect.class, LIBRARY);
        }

        static native void noop();

        static native int add_ints(int a, int b);

        static native double add_doubles(double a, double b);

        static native int sum_point(JnaPoint.ByValue p);

        static native long my_strlen(String s);
    }

    /** The benchmark library for JNR-FFI (no sum_point: JNR-FFI passes every Struct by pointer). */
    public interface JnrBench {
        void noop();

        int add_ints(int a, int b);

        double add_doubles(double a, double b);

        @size_t
        long my_strlen(String s);
    }

    /** JNR-FFI, loaded on first use. */
    static final class Jnr {
        static final JnrBench BENCH = LibraryLoader.create(JnrBench.class).load(LIBRARY);
    }

    int a = 20;
    int b = 22;
    double x = 1.5;
    double y = 2.25;
    String text = "hello, world";
    int pointX = 3;
    int pointY = 4;

    /** JNA's {@code struct point} by value: a state of its own, so that only JNA's benchmarks load JNA. */
    @State(Scope.Thread)
    public static class JnaArgs {
        JnaPoint.ByValue point;

        @Setup
        public void setup() {
            point = new JnaPoint.ByValue();
            point.x = 3;
            point.y = 4;
        }
    }

    @Benchmark
    public void noop_jnaInterface() {
        Jna.BENCH.noop();
    }

    @Benchmark
    public void noop_jnaDirect() {
        JnaDirect.noop();
    }

    @Benchmark
    public void noop_jnr() {
        Jnr.BENCH.noop();
    }

    @Benchmark
    public int addInts_jnaInterface() {
        return Jna.BENCH.add_ints(a, b);
    }

    @Benchmark
    public int addInts_jnaDirect() {
        return JnaDirect.add_ints(a, b);
    }

    @Benchmark
    public int addInts_jnr() {
        return Jnr.BENCH.add_ints(a, b);
    }

    @Benchmark
    public double addDoubles_jnaInterface() {
        return Jna.BENCH.add_doubles(x, y);
    }

    @Benchmark
    public double addDoubles_jnaDirect() {
        return JnaDirect.add_doubles(x, y);
    }

    @Benchmark
    public double addDoubles_jnr() {
        return Jnr.BENCH.add_doubles(x, y);
    }

    @Benchmark
    public int sumPoint_jnaInterface(JnaArgs args) {
        return Jna.BENCH.sum_point(args.point);
    }

    @Benchmark
    public int sumPoint_jnaDirect(JnaArgs args) {
        return JnaDirect.sum_point(args.point);
    }

    @Benchmark
    public long strlen_jnaInterface() {
        return Jna.BENCH.my_strlen(text);
    }

    @Benchmark
    public long strlen_jnaDirect() {
        return JnaDirect.my_strlen(text);
    }

    @Benchmark
    public long strlen_jnr() {
        return Jnr.BENCH.my_strlen(text);
    }

    @Benchmark
    public void noop_jni() {
        Jni.noop();
    }

    @Benchmark
    public int addInts_jni() {
        return Jni.addInts(a, b);
    }

    @Benchmark
    public double addDoubles_jni() {
        return Jni.addDoubles(x, y);
    }

    @Benchmark
    public int sumPoint_jni() {
        return Jni.sumPoint(pointX, pointY);
    }

    @Benchmark
    public long strlen_jni() {
        return Jni.strlen(text);
    }
}

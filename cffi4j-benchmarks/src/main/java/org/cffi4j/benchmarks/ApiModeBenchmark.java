package org.cffi4j.benchmarks;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.cffi4j.CData;
import org.cffi4j.FFI;
import org.cffi4j.Library;
import org.cffi4j.SourceOptions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The same calls as {@link CallBenchmark} through a typed binding, once from ABI mode
 * ({@code ffi.dlopen}) and once from API mode ({@code ffi.setSource} + {@code ffi.compile}, the
 * module linked against the benchmark library): API-mode calls must be as fast as ABI-mode calls,
 * since both end in the same downcall to the same function.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class ApiModeBenchmark {
    static final CallBenchmark.Bench ABI;
    static final CallBenchmark.Bench API;
    static final FFI ABI_FFI = new FFI();

    static {
        ABI_FFI.cdef(CallBenchmark.CDEF);
        Library abi = ABI_FFI.dlopen(CallBenchmark.LIBRARY);
        ABI = abi.bind(CallBenchmark.Bench.class);

        FFI api = new FFI();
        api.cdef(CallBenchmark.CDEF);
        api.setSource(
                "_bench_api",
                "#include <stddef.h>\n" + CallBenchmark.CDEF,
                SourceOptions.none().withExtraLinkArgs(CallBenchmark.LIBRARY));
        API = api.compile().bind(CallBenchmark.Bench.class);
    }

    int a = 20;
    int b = 22;
    double x = 1.5;
    double y = 2.25;
    String text = "hello, world";
    CData point;

    @Setup
    public void setup() {
        point = (CData) ABI_FFI.alloc("struct point *", Map.of("x", 3, "y", 4)).deref();
    }

    @Benchmark
    public void noop_abi() {
        ABI.noop();
    }

    @Benchmark
    public void noop_api() {
        API.noop();
    }

    @Benchmark
    public int addInts_abi() {
        return ABI.add_ints(a, b);
    }

    @Benchmark
    public int addInts_api() {
        return API.add_ints(a, b);
    }

    @Benchmark
    public double addDoubles_abi() {
        return ABI.add_doubles(x, y);
    }

    @Benchmark
    public double addDoubles_api() {
        return API.add_doubles(x, y);
    }

    @Benchmark
    public long strlen_abi() {
        return ABI.my_strlen(text);
    }

    @Benchmark
    public long strlen_api() {
        return API.my_strlen(text);
    }
}

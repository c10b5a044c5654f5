package org.cffi4j.benchmarks;

import java.util.concurrent.TimeUnit;
import org.cffi4j.CdefOptions;
import org.cffi4j.FFI;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@code new FFI().cdef(text)} on the {@code cc -E} output of real headers (see {@link Inputs}).
 *
 * <p>{@code copies} concatenates the same text 1, 2 or 4 times into one cdef call, so that the
 * time per copy shows whether parsing is linear in the input size. The repeated declarations are
 * redefinitions, so the 2x and 4x texts are given with {@link CdefOptions#override()}; the 1x text
 * is a plain {@code cdef(text)}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
public class CdefBenchmark {

    /** Which input: {@code sqlite3} (sqlite3.h) or {@code glibc} (eleven glibc headers in one text). */
    @Param({"sqlite3", "glibc"})
    public String input;

    /** How many times the text is repeated in the one cdef call. */
    @Param({"1", "2", "4"})
    public int copies;

    private String text;
    private CdefOptions options;

    /** Preprocesses the headers (once per trial) and checks the text parses. */
    @Setup
    public void setUp() {
        text = Inputs.text(input).repeat(copies);
        options = copies == 1 ? CdefOptions.defaults() : CdefOptions.override();
        cdef();
    }

    /** One cdef of the whole text into a fresh FFI. */
    @Benchmark
    public FFI cdef() {
        FFI ffi = new FFI();
        ffi.cdef(text, options);
        return ffi;
    }
}

package org.cffi4j.codegen;

import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.cffi4j.CData;
import org.cffi4j.FFI;

/** The Java implementation of the test resource c/plugin.cdef, which C programs call. */
public final class EmbeddedPlugin {
    private static final AtomicLong ADD_CALLS = new AtomicLong();
    private static final Set<Thread> THREADS = ConcurrentHashMap.newKeySet();
    private static final FFI FFI = new FFI();

    static {
        FFI.cdef("typedef int (*binary_op)(int a, int b);");
    }

    /** The callbacks op() hands to C, made once: C may keep them. */
    private static final Map<String, CData> OPS = Map.of(
            "add", FFI.callback("binary_op", (BinaryOp) Integer::sum),
            "sub", FFI.callback("binary_op", (BinaryOp) (a, b) -> a - b),
            "mul", FFI.callback("binary_op", (BinaryOp) (a, b) -> a * b));

    /** The Java side of {@code binary_op}. */
    public interface BinaryOp {
        /** The operation. */
        int apply(int a, int b);
    }

    /** What token() returns: a test sets it to tell its own JVM from another. */
    public static volatile int token;

    private EmbeddedPlugin() {}

    public static int token() {
        return token;
    }

    public static int add(int a, int b) {
        ADD_CALLS.incrementAndGet();
        return a + b;
    }

    public static long mul64(long a, long b) {
        return a * b;
    }

    public static byte low_byte(int x) {
        return (byte) x;
    }

    public static short negate16(short x) {
        return (short) -x;
    }

    public static boolean is_even(int x) {
        return x % 2 == 0;
    }

    public static float half(float x) {
        return x / 2;
    }

    public static double hypotenuse(double a, double b) {
        return Math.sqrt(a * a + b * b);
    }

    public static int length(String text) {
        return text == null ? -1 : text.getBytes(StandardCharsets.UTF_8).length;
    }

    public static long count_char(MemorySegment text, byte c) {
        MemorySegment s = text.reinterpret(Long.MAX_VALUE);
        long n = 0;
        for (long i = 0; s.get(java.lang.foreign.ValueLayout.JAVA_BYTE, i) != 0; i++) {
            n += s.get(java.lang.foreign.ValueLayout.JAVA_BYTE, i) == c ? 1 : 0;
        }
        return n;
    }

    public static double mean(MemorySegment xs, int n) {
        MemorySegment values = xs.reinterpret(JAVA_DOUBLE.byteSize() * n);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += values.getAtIndex(JAVA_DOUBLE, i);
        }
        return sum / n;
    }

    public static void fill_squares(MemorySegment out, int n) {
        MemorySegment ints = out.reinterpret(JAVA_INT.byteSize() * n);
        for (int i = 0; i < n; i++) {
            ints.setAtIndex(JAVA_INT, i, i * i);
        }
    }

    public static MemorySegment midpoint(MemorySegment a, MemorySegment b) {
        return Point.of(
                        (a.get(JAVA_DOUBLE, 0) + b.get(JAVA_DOUBLE, 0)) / 2,
                        (a.get(JAVA_DOUBLE, 8) + b.get(JAVA_DOUBLE, 8)) / 2)
                .segment();
    }

    public static double norm(Point p) {
        return Math.sqrt(p.x() * p.x() + p.y() * p.y());
    }

    public static Point scale(Point p, double k) {
        return Point.of(p.x() * k, p.y() * k);
    }

    public static MemorySegment op(String name) {
        CData f = OPS.get(name);
        return f == null ? MemorySegment.NULL : f.segment();
    }

    public static int apply(MemorySegment f, int a, int b) {
        return (Integer) FFI.cast("binary_op", f).call(a, b);
    }

    public static void record_thread() {
        THREADS.add(Thread.currentThread());
    }

    /** How many of the threads that called record_thread are still alive, besides this one. */
    public static int threads_alive() {
        return (int) THREADS.stream()
                .filter(t -> t != Thread.currentThread() && t.isAlive())
                .count();
    }

    public static long add_calls() {
        return ADD_CALLS.get();
    }

    public static int fail(int x) {
        if (x < 0) {
            throw new IllegalArgumentException("fail(" + x + "): negative");
        }
        return x;
    }

    /** A struct class as a generated binding has them: a static at(MemorySegment) and segment(). */
    public static final class Point {
        private final MemorySegment segment;

        private Point(MemorySegment segment) {
            this.segment = segment;
        }

        public static Point at(MemorySegment segment) {
            return new Point(segment);
        }

        static Point of(double x, double y) {
            MemorySegment s = Arena.ofAuto().allocate(16, 8);
            s.set(JAVA_DOUBLE, 0, x);
            s.set(JAVA_DOUBLE, 8, y);
            return new Point(s);
        }

        public MemorySegment segment() {
            return segment;
        }

        double x() {
            return segment.get(JAVA_DOUBLE, 0);
        }

        double y() {
            return segment.get(JAVA_DOUBLE, 8);
        }
    }
}

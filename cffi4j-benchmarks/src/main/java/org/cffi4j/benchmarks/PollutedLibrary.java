package org.cffi4j.benchmarks;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import java.util.function.IntUnaryOperator;
import org.cffi4j.CData;
import org.cffi4j.FFI;

/**
 * A C library generated and compiled (with {@code cc}, into a temporary directory) when a benchmark
 * starts, as a real program's libraries are many functions of many signatures: {@link #COPIES}
 * functions for each of the {@link #SIGNATURES} (integers of every width, floating point, strings,
 * pointers, structs by value in and out, callbacks), named {@code sNN_j}. Each signature knows the
 * arguments each way of calling takes: boxed and cdata for {@code invoke}/{@code call}, the typed
 * Java types for {@code bind}, bare segments for raw FFM.
 */
final class PollutedLibrary {
    static final int COPIES = 10;

    private static final ValueLayout I = ValueLayout.JAVA_INT;
    private static final ValueLayout J = ValueLayout.JAVA_LONG;
    private static final ValueLayout D = ValueLayout.JAVA_DOUBLE;
    private static final ValueLayout P = ValueLayout.ADDRESS;
    static final MemoryLayout PT = MemoryLayout.structLayout(I.withName("x"), I.withName("y"));
    static final MemoryLayout VEC3 = MemoryLayout.structLayout(D.withName("x"), D.withName("y"), D.withName("z"));

    /** What a call needs, made once: memory, strings, callbacks, in each way's form. */
    static final class Inputs {
        final CData intPtr;
        final CData doubles;
        final CData pt;
        final CData vec3;
        final CData intCallback;
        final CData doubleCallback;
        final MemorySegment cString;

        Inputs(FFI ffi) {
            intPtr = ffi.alloc("int *", 41);
            doubles = ffi.alloc("double[]", new double[] {1, 2, 3, 4});
            pt = ffi.alloc("struct pt *", Map.of("x", 1, "y", 2));
            vec3 = ffi.alloc("struct vec3 *", Map.of("x", 1.0, "y", 2.0, "z", 3.0));
            intCallback = ffi.callback("int(*)(int)", (IntUnaryOperator) x -> x + 1);
            doubleCallback = ffi.callback("double(*)(double)", (DoubleUnaryOperator) x -> x * 2);
            cString = Arena.global().allocateFrom("hello");
        }

        MemorySegment of(CData c) {
            return MemorySegment.ofAddress(c.address());
        }
    }

    /** One C signature: its declaration, body, descriptor, Java types for bind, and arguments. */
    record Signature(
            String declaration, // with %s for the name
            String body, // with %d for the copy's number
            FunctionDescriptor descriptor,
            Class<?> typedReturn,
            List<Class<?>> typedParameters,
            ArgumentsOf generic,
            ArgumentsOf typed,
            ArgumentsOf raw) {}

    /** The arguments of a call in one way. */
    interface ArgumentsOf {
        Object[] of(Inputs in);
    }

    private static Signature sig(
            String declaration,
            String body,
            FunctionDescriptor fd,
            Class<?> ret,
            List<Class<?>> params,
            ArgumentsOf generic,
            ArgumentsOf typed,
            ArgumentsOf raw) {
        return new Signature(declaration, body, fd, ret, params, generic, typed, raw);
    }

    private static Signature same(
            String declaration,
            String body,
            FunctionDescriptor fd,
            Class<?> ret,
            List<Class<?>> params,
            Object... args) {
        return sig(declaration, body, fd, ret, params, in -> args, in -> args, in -> args);
    }

    static final List<Signature> SIGNATURES = List.of(
            same(
                    "int %s(int a, int b)",
                    "return a + b + %d;",
                    FunctionDescriptor.of(I, I, I),
                    int.class,
                    List.of(int.class, int.class),
                    1,
                    2),
            same(
                    "long %s(long a)",
                    "return a * 2 + %d;", FunctionDescriptor.of(J, J), long.class, List.of(long.class), 3L),
            same(
                    "double %s(double a, double b)",
                    "return a * b + %d;",
                    FunctionDescriptor.of(D, D, D),
                    double.class,
                    List.of(double.class, double.class),
                    1.5,
                    2.0),
            same(
                    "float %s(float a)",
                    "return a + %d;",
                    FunctionDescriptor.of(ValueLayout.JAVA_FLOAT, ValueLayout.JAVA_FLOAT),
                    float.class,
                    List.of(float.class),
                    1.5f),
            sig(
                    "short %s(short a)",
                    "return (short) (a + %d);",
                    FunctionDescriptor.of(ValueLayout.JAVA_SHORT, ValueLayout.JAVA_SHORT),
                    short.class,
                    List.of(short.class),
                    in -> new Object[] {3},
                    in -> new Object[] {(short) 3},
                    in -> new Object[] {(short) 3}),
            sig(
                    "unsigned char %s(unsigned char a)",
                    "return a ^ %d;",
                    FunctionDescriptor.of(ValueLayout.JAVA_BYTE, ValueLayout.JAVA_BYTE),
                    byte.class,
                    List.of(byte.class),
                    in -> new Object[] {5},
                    in -> new Object[] {(byte) 5},
                    in -> new Object[] {(byte) 5}),
            same("int %s(void)", "return %d;", FunctionDescriptor.of(I), int.class, List.of()),
            same("void %s(int a)", "sink += a + %d;", FunctionDescriptor.ofVoid(I), void.class, List.of(int.class), 7),
            same("void %s(void)", "sink += %d;", FunctionDescriptor.ofVoid(), void.class, List.of()),
            sig(
                    "size_t %s(const char *s)",
                    "return strlen(s) + %d;",
                    FunctionDescriptor.of(J, P),
                    long.class,
                    List.of(String.class),
                    in -> new Object[] {"hello"},
                    in -> new Object[] {"hello"},
                    in -> new Object[] {in.cString}),
            sig(
                    "int %s(const char *s, int c)",
                    "return (s[0] == c) + %d;",
                    FunctionDescriptor.of(I, P, I),
                    int.class,
                    List.of(String.class, int.class),
                    in -> new Object[] {"abc", 97},
                    in -> new Object[] {"abc", 97},
                    in -> new Object[] {in.cString, 97}),
            sig(
                    "void *%s(void *p)",
                    "return (char *) p + %d;",
                    FunctionDescriptor.of(P, P),
                    MemorySegment.class,
                    List.of(MemorySegment.class),
                    in -> new Object[] {in.intPtr},
                    in -> new Object[] {in.of(in.intPtr)},
                    in -> new Object[] {in.of(in.intPtr)}),
            sig(
                    "int %s(const int *p)",
                    "return *p + %d;",
                    FunctionDescriptor.of(I, P),
                    int.class,
                    List.of(MemorySegment.class),
                    in -> new Object[] {in.intPtr},
                    in -> new Object[] {in.of(in.intPtr)},
                    in -> new Object[] {in.of(in.intPtr)}),
            sig(
                    "double %s(const double *p, int n)",
                    "double s = %d; for (int i = 0; i < n; i++) s += p[i]; return s;",
                    FunctionDescriptor.of(D, P, I),
                    double.class,
                    List.of(MemorySegment.class, int.class),
                    in -> new Object[] {in.doubles, 4},
                    in -> new Object[] {in.of(in.doubles), 4},
                    in -> new Object[] {in.of(in.doubles), 4}),
            sig(
                    "int %s(struct pt p)",
                    "return p.x + p.y + %d;",
                    FunctionDescriptor.of(I, PT),
                    int.class,
                    List.of(MemorySegment.class),
                    in -> new Object[] {in.pt.get(0)},
                    in -> new Object[] {in.pt.segment()},
                    in -> new Object[] {in.pt.segment()}),
            sig(
                    "struct pt %s(int x, int y)",
                    "struct pt p = {x + %d, y}; return p;",
                    FunctionDescriptor.of(PT, I, I),
                    CData.class,
                    List.of(int.class, int.class),
                    in -> new Object[] {1, 2},
                    in -> new Object[] {1, 2},
                    in -> new Object[] {Arena.ofAuto(), 1, 2}),
            sig(
                    "double %s(struct vec3 v)",
                    "return v.x + v.y + v.z + %d;",
                    FunctionDescriptor.of(D, VEC3),
                    double.class,
                    List.of(MemorySegment.class),
                    in -> new Object[] {in.vec3.get(0)},
                    in -> new Object[] {in.vec3.segment()},
                    in -> new Object[] {in.vec3.segment()}),
            sig(
                    "int %s(int (*cb)(int), int x)",
                    "return cb(x) + %d;",
                    FunctionDescriptor.of(I, P, I),
                    int.class,
                    List.of(CData.class, int.class),
                    in -> new Object[] {in.intCallback, 5},
                    in -> new Object[] {in.intCallback, 5},
                    in -> new Object[] {in.of(in.intCallback), 5}),
            same(
                    "long %s(long a, long b, long c, long d)",
                    "return a + b + c + d + %d;",
                    FunctionDescriptor.of(J, J, J, J, J),
                    long.class,
                    List.of(long.class, long.class, long.class, long.class),
                    1L,
                    2L,
                    3L,
                    4L),
            same(
                    "double %s(int a, double b, long c)",
                    "return a + b + c + %d;",
                    FunctionDescriptor.of(D, I, D, J),
                    double.class,
                    List.of(int.class, double.class, long.class),
                    1,
                    2.0,
                    3L),
            sig(
                    "int64_t %s(int8_t a, int16_t b, int32_t c)",
                    "return a + b + c + %d;",
                    FunctionDescriptor.of(J, ValueLayout.JAVA_BYTE, ValueLayout.JAVA_SHORT, I),
                    long.class,
                    List.of(byte.class, short.class, int.class),
                    in -> new Object[] {1, 2, 3},
                    in -> new Object[] {(byte) 1, (short) 2, 3},
                    in -> new Object[] {(byte) 1, (short) 2, 3}),
            same(
                    "unsigned %s(unsigned a)",
                    "return a * 3u + %d;", FunctionDescriptor.of(I, I), int.class, List.of(int.class), 7),
            sig(
                    "const char *%s(const char *s)",
                    "return s + (%d %% 2);",
                    FunctionDescriptor.of(P, P),
                    String.class,
                    List.of(String.class),
                    in -> new Object[] {"xy"},
                    in -> new Object[] {"xy"},
                    in -> new Object[] {in.cString}),
            sig(
                    "double %s(double (*cb)(double), double x)",
                    "return cb(x) + %d;",
                    FunctionDescriptor.of(D, P, D),
                    double.class,
                    List.of(CData.class, double.class),
                    in -> new Object[] {in.doubleCallback, 2.0},
                    in -> new Object[] {in.doubleCallback, 2.0},
                    in -> new Object[] {in.of(in.doubleCallback), 2.0}));

    private static final String TYPES = """
            #include <stdint.h>
            #include <stddef.h>
            struct pt { int x; int y; };
            struct vec3 { double x; double y; double z; };
            """;

    private PollutedLibrary() {}

    /** The name of copy {@code j} of signature {@code s}. */
    static String name(int s, int j) {
        return String.format("s%02d_%d", s, j);
    }

    /** The cdef of every function (and the two structs). */
    static String cdef() {
        StringBuilder c = new StringBuilder(TYPES.replaceAll("#include.*\n", ""));
        forEach((s, j) ->
                c.append(SIGNATURES.get(s).declaration().formatted(name(s, j))).append(";\n"));
        return c.toString();
    }

    /** Compiles the library into a new temporary directory; returns the shared object's path. */
    static Path build() {
        StringBuilder c = new StringBuilder(TYPES).append("#include <string.h>\nvolatile int sink;\n");
        forEach((s, j) -> c.append(SIGNATURES.get(s).declaration().formatted(name(s, j)))
                .append(" { ")
                .append(SIGNATURES.get(s).body().formatted(j))
                .append(" }\n"));
        try {
            Path dir = Files.createTempDirectory("cffi4j-polluted");
            Path src = Files.writeString(dir.resolve("polluted.c"), c);
            Path so = dir.resolve("libpolluted.so");
            String cc = System.getenv().getOrDefault("CC", "cc");
            Process p = new ProcessBuilder(cc, "-O2", "-shared", "-fPIC", "-w", "-o", so.toString(), src.toString())
                    .inheritIO()
                    .start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException(cc + " failed on " + src);
            }
            return so;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every function: signature index and copy number. */
    static void forEach(Each each) {
        for (int s = 0; s < SIGNATURES.size(); s++) {
            for (int j = 0; j < COPIES; j++) {
                each.accept(s, j);
            }
        }
    }

    /** What {@link #forEach} does for one function. */
    interface Each {
        void accept(int signature, int copy);
    }

    /** The names of all functions, in {@link #forEach}'s order. */
    static List<String> names() {
        List<String> names = new ArrayList<>();
        forEach((s, j) -> names.add(name(s, j)));
        return names;
    }
}

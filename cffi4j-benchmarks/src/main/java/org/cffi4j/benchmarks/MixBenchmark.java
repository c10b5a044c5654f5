package org.cffi4j.benchmarks;

import java.lang.classfile.ClassFile;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.lang.foreign.Arena;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.cffi4j.BindOption;
import org.cffi4j.CData;
import org.cffi4j.CFunction;
import org.cffi4j.FFI;
import org.cffi4j.Library;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Calls in a JVM that has seen a real program's variety: at setup it generates and compiles a C
 * library of 240 functions of 24 signatures ({@link PollutedLibrary}), binds all of them and calls
 * each through every way (raw FFM handles by {@code invokeWithArguments}, cffi4j {@code bind} from a
 * child class loader, {@code invoke}, {@code call}), so that the shared paths (conversions, errno,
 * scratch memory, method-handle forms, the generic interpreters) have seen every type. Then one
 * operation is a mix of 7 of those functions ({@code int(int,int)}, {@code double(double,double)},
 * {@code size_t(const char *)} of a Java String, {@code int(const int *)}, {@code int(struct pt)} by
 * value, {@code long(long,long,long,long)}, {@code double(int,double,long)}), through raw FFM with
 * static final exact handles (a String copied into a confined arena, as {@link CallBenchmark} does),
 * cffi4j's ways and JNA's interface mapping; the score is per call (the mix divided by 7).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class MixBenchmark {
    static final int CALLS = 7;
    static final Path LIBRARY = PollutedLibrary.build();
    static final FFI FFI_ = new FFI();
    static final Library LIB;
    static final PollutedLibrary.Inputs IN;

    static {
        FFI_.cdef(PollutedLibrary.cdef());
        LIB = FFI_.dlopen(LIBRARY.toString());
        IN = new PollutedLibrary.Inputs(FFI_);
    }

    /** The mix, typed. */
    public interface Mix {
        int s00_0(int a, int b);

        double s02_0(double a, double b);

        long s09_0(String s);

        int s12_0(MemorySegment p);

        int s14_0(MemorySegment p);

        long s18_0(long a, long b, long c, long d);

        double s19_0(int a, double b, long c);
    }

    static final Mix BIND = LIB.bind(Mix.class);
    static final Mix BIND_NO_ERRNO = LIB.bind(Mix.class, BindOption.NO_ERRNO);
    static final CFunction F00 = LIB.function("s00_0");
    static final CFunction F02 = LIB.function("s02_0");
    static final CFunction F09 = LIB.function("s09_0");
    static final CFunction F12 = LIB.function("s12_0");
    static final CFunction F14 = LIB.function("s14_0");
    static final CFunction F18 = LIB.function("s18_0");
    static final CFunction F19 = LIB.function("s19_0");

    static final SymbolLookup LOOKUP = SymbolLookup.libraryLookup(LIBRARY, Arena.global());
    static final MethodHandle RAW00 = raw(0);
    static final MethodHandle RAW02 = raw(2);
    static final MethodHandle RAW09 = raw(9);
    static final MethodHandle RAW12 = raw(12);
    static final MethodHandle RAW14 = raw(14);
    static final MethodHandle RAW18 = raw(18);
    static final MethodHandle RAW19 = raw(19);

    private static MethodHandle raw(int signature) {
        return raw(signature, 0);
    }

    private static MethodHandle raw(int signature, int copy) {
        return Linker.nativeLinker()
                .downcallHandle(
                        LOOKUP.find(PollutedLibrary.name(signature, copy)).orElseThrow(),
                        PollutedLibrary.SIGNATURES.get(signature).descriptor());
    }

    /** {@code struct pt} for JNA. */
    @com.sun.jna.Structure.FieldOrder({"x", "y"})
    public static class JnaPt extends com.sun.jna.Structure {
        public int x;
        public int y;

        /** The same struct, passed by value. */
        public static class ByValue extends JnaPt implements com.sun.jna.Structure.ByValue {}
    }

    /** The mix for JNA's interface mapping. */
    public interface JnaMix extends com.sun.jna.Library {
        int s00_0(int a, int b);

        double s02_0(double a, double b);

        long s09_0(String s);

        int s12_0(com.sun.jna.Pointer p);

        int s14_0(JnaPt.ByValue p);

        long s18_0(long a, long b, long c, long d);

        double s19_0(int a, double b, long c);
    }

    /** JNA, loaded in the JMH state that uses it only. */
    @State(Scope.Thread)
    public static class Jna {
        JnaMix mix;
        JnaPt.ByValue pt;
        com.sun.jna.Pointer intPtr;

        @Setup
        public void setup() {
            mix = com.sun.jna.Native.load(LIBRARY.toString(), JnaMix.class);
            pt = new JnaPt.ByValue();
            pt.x = 1;
            pt.y = 2;
            intPtr = new com.sun.jna.Pointer(IN.intPtr.address());
            check("jnaInterface", mixOf(this));
        }
    }

    String text = "hello";
    MemorySegment intPtr;
    MemorySegment pt;
    CData ptCdata;

    /** The digest every way must compute from one mix. */
    static final long EXPECTED = 3 + 3 + 5 + 41 + 3 + 10 + 6;

    static void check(String way, long digest) {
        if (digest != EXPECTED) {
            throw new AssertionError("mix_" + way + " computed " + digest + ", not " + EXPECTED);
        }
    }

    @Setup
    public void setup() throws Throwable {
        intPtr = IN.of(IN.intPtr);
        pt = IN.pt.segment();
        ptCdata = (CData) IN.pt.get(0);
        Polluter.pollute();
        check("rawFfm", mix_rawFfm());
        check("bind", mix_bind());
        check("bindNoErrno", mix_bindNoErrno());
        check("invoke", mix_invoke());
        check("call", mix_call());
    }

    // One operation is the mix of CALLS calls: JMH divides the time by them, the score is per call.
    @Benchmark
    @OperationsPerInvocation(CALLS)
    public long mix_rawFfm() throws Throwable {
        long d = (int) RAW00.invokeExact(1, 2);
        d += (long) (double) RAW02.invokeExact(1.5, 2.0);
        try (Arena arena = Arena.ofConfined()) {
            d += (long) RAW09.invokeExact(arena.allocateFrom(text));
        }
        d += (int) RAW12.invokeExact(intPtr);
        d += (int) RAW14.invokeExact(pt);
        d += (long) RAW18.invokeExact(1L, 2L, 3L, 4L);
        d += (long) (double) RAW19.invokeExact(1, 2.0, 3L);
        return d;
    }

    @Benchmark
    @OperationsPerInvocation(CALLS)
    public long mix_bind() {
        return mixOf(BIND);
    }

    @Benchmark
    @OperationsPerInvocation(CALLS)
    public long mix_bindNoErrno() {
        return mixOf(BIND_NO_ERRNO);
    }

    private long mixOf(Mix m) {
        long d = m.s00_0(1, 2);
        d += (long) m.s02_0(1.5, 2.0);
        d += m.s09_0(text);
        d += m.s12_0(intPtr);
        d += m.s14_0(pt);
        d += m.s18_0(1L, 2L, 3L, 4L);
        d += (long) m.s19_0(1, 2.0, 3L);
        return d;
    }

    @Benchmark
    @OperationsPerInvocation(CALLS)
    public long mix_invoke() {
        long d = ((Number) F00.invoke(1, 2)).longValue();
        d += (long) ((Number) F02.invoke(1.5, 2.0)).doubleValue();
        d += ((Number) F09.invoke(text)).longValue();
        d += ((Number) F12.invoke(IN.intPtr)).longValue();
        d += ((Number) F14.invoke(ptCdata)).longValue();
        d += ((Number) F18.invoke(1L, 2L, 3L, 4L)).longValue();
        d += (long) ((Number) F19.invoke(1, 2.0, 3L)).doubleValue();
        return d;
    }

    @Benchmark
    @OperationsPerInvocation(CALLS)
    public long mix_call() {
        long d = ((Number) LIB.call("s00_0", 1, 2)).longValue();
        d += (long) ((Number) LIB.call("s02_0", 1.5, 2.0)).doubleValue();
        d += ((Number) LIB.call("s09_0", text)).longValue();
        d += ((Number) LIB.call("s12_0", IN.intPtr)).longValue();
        d += ((Number) LIB.call("s14_0", ptCdata)).longValue();
        d += ((Number) LIB.call("s18_0", 1L, 2L, 3L, 4L)).longValue();
        d += (long) ((Number) LIB.call("s19_0", 1, 2.0, 3L)).doubleValue();
        return d;
    }

    @Benchmark
    @OperationsPerInvocation(CALLS)
    public long mix_jnaInterface(Jna s) {
        return mixOf(s);
    }

    private static long mixOf(Jna s) {
        JnaMix m = s.mix;
        long d = m.s00_0(1, 2);
        d += (long) m.s02_0(1.5, 2.0);
        d += m.s09_0("hello");
        d += m.s12_0(s.intPtr);
        d += m.s14_0(s.pt);
        d += m.s18_0(1L, 2L, 3L, 4L);
        d += (long) m.s19_0(1, 2.0, 3L);
        return d;
    }

    /** Calls every function of the library through every way, a few hundred times each, once per JVM. */
    static final class Polluter {
        static final int ROUNDS = 300;
        private static boolean done;

        static synchronized void pollute() throws Throwable {
            if (done) {
                return;
            }
            done = true;
            List<String> names = PollutedLibrary.names();
            List<CFunction> functions = new ArrayList<>();
            List<MethodHandle> raws = new ArrayList<>();
            PollutedLibrary.forEach((s, j) -> {
                functions.add(LIB.function(PollutedLibrary.name(s, j)));
                raws.add(raw(s, j));
            });
            Class<?> iface = pollutersInterface();
            Object bound = LIB.bind(iface);
            Method[] methods = new Method[names.size()];
            for (Method m : iface.getMethods()) {
                methods[names.indexOf(m.getName())] = m;
            }
            for (int r = 0; r < ROUNDS; r++) {
                for (int i = 0; i < names.size(); i++) {
                    PollutedLibrary.Signature sig = PollutedLibrary.SIGNATURES.get(i / PollutedLibrary.COPIES);
                    functions.get(i).invoke(sig.generic().of(IN));
                    LIB.call(names.get(i), sig.generic().of(IN));
                    methods[i].invoke(bound, sig.typed().of(IN));
                    raws.get(i).invokeWithArguments(sig.raw().of(IN));
                }
            }
        }

        // An interface of all 240 functions with bind's Java types, as a plugin's class loader
        // would hold it (generated: a Java source of 240 methods says nothing more).
        private static Class<?> pollutersInterface() throws Exception {
            byte[] bytes = ClassFile.of().build(ClassDesc.of("polluted.Polluters"), cb -> {
                cb.withFlags(ClassFile.ACC_PUBLIC | ClassFile.ACC_INTERFACE | ClassFile.ACC_ABSTRACT);
                cb.withSuperclass(ConstantDescs.CD_Object);
                PollutedLibrary.forEach((s, j) -> {
                    PollutedLibrary.Signature sig = PollutedLibrary.SIGNATURES.get(s);
                    MethodTypeDesc type = MethodTypeDesc.of(
                            desc(sig.typedReturn()),
                            sig.typedParameters().stream()
                                    .map(MixBenchmark.Polluter::desc)
                                    .toArray(ClassDesc[]::new));
                    cb.withMethod(
                            PollutedLibrary.name(s, j), type, ClassFile.ACC_PUBLIC | ClassFile.ACC_ABSTRACT, mb -> {});
                });
            });
            Path dir = Files.createTempDirectory("cffi4j-polluters");
            Files.createDirectories(dir.resolve("polluted"));
            Files.write(dir.resolve("polluted/Polluters.class"), bytes);
            URLClassLoader loader =
                    new URLClassLoader(new URL[] {dir.toUri().toURL()}, MixBenchmark.class.getClassLoader());
            return Class.forName("polluted.Polluters", false, loader);
        }

        private static ClassDesc desc(Class<?> c) {
            return ClassDesc.ofDescriptor(c.descriptorString());
        }
    }
}

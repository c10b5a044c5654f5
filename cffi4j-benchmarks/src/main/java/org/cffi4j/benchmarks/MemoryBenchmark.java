package org.cffi4j.benchmarks;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;
import org.cffi4j.CData;
import org.cffi4j.FFI;
import org.cffi4j.benchmarks.generated.BenchLib;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The cost of working with C structs in native memory, on the structs of {@link #CDEF}.
 *
 * <ul>
 *   <li>{@code fields}: read the three members of a {@code struct rec} (an {@code int}, a
 *       {@code double} and a {@code long long}) and write each back plus one, returning a digest of
 *       what was read. Raw FFM with static final {@code VarHandle}s of a {@code StructLayout} is the
 *       baseline; cffi4j's {@code CData.get}/{@code set} by member name on a {@code struct rec *}
 *       from {@code ffi.alloc}, and static final {@code VarHandle}s of the layout cffi4j derives from
 *       the cdef ({@code ffi.layout}) on the same cdata's {@code segment()}, and a typed view of it
 *       ({@code ffi.view}, an interface of accessors made once); JNA's {@code Structure} the way its documentation shows (fields
 *       synchronised with {@code read()} and {@code write()}), and JNA's {@code Pointer} accessors
 *       at the members' offsets, which is what JNA code tuned for speed does; JNR-FFI's
 *       {@code Struct} with typed members over direct memory.
 *   <li>{@code alloc64}: allocate a zero-filled 64-byte {@code struct blob} and free it at once.
 *       Raw FFM with a confined arena per struct (the baseline), and raw {@code calloc}/{@code free}
 *       downcalls, which is where cffi4j's memory comes from; cffi4j's {@code ffi.alloc} with an
 *       explicit {@code ffi.release}, and a {@code Scope} holding the one allocation; JNA's
 *       {@code Memory} cleared and closed; JNR-FFI's {@code Memory.allocateDirect}, which has no
 *       explicit free: its memory is sliced from pooled pages and reclaimed once unreachable.
 * </ul>
 *
 * <p>Each state checks at setup, by reading the memory back through FFM, that its way reads and
 * writes the same values as the reference computation, so every cell of the table does the same
 * work. JNA and JNR-FFI live in states of their own, so that the other benchmarks' JVMs never load
 * them.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class MemoryBenchmark {
    static final String CDEF = """
            struct rec { int id; double value; long long count; };
            struct blob { long long words[8]; };
            """;

    // Raw FFM, as a careful hand-written binding would do it.
    static final StructLayout REC = MemoryLayout.structLayout(
            ValueLayout.JAVA_INT.withName("id"),
            MemoryLayout.paddingLayout(4),
            ValueLayout.JAVA_DOUBLE.withName("value"),
            ValueLayout.JAVA_LONG.withName("count"));
    static final StructLayout BLOB = MemoryLayout.structLayout(
            MemoryLayout.sequenceLayout(8, ValueLayout.JAVA_LONG).withName("words"));
    static final VarHandle ID = field("id");
    static final VarHandle VALUE = field("value");
    static final VarHandle COUNT = field("count");
    static final long ID_OFFSET = REC.byteOffset(MemoryLayout.PathElement.groupElement("id"));
    static final long VALUE_OFFSET = REC.byteOffset(MemoryLayout.PathElement.groupElement("value"));
    static final long COUNT_OFFSET = REC.byteOffset(MemoryLayout.PathElement.groupElement("count"));
    static final Linker LINKER = Linker.nativeLinker();
    static final MethodHandle CALLOC = LINKER.downcallHandle(
            LINKER.defaultLookup().find("calloc").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG));
    static final MethodHandle FREE = LINKER.downcallHandle(
            LINKER.defaultLookup().find("free").orElseThrow(), FunctionDescriptor.ofVoid(ValueLayout.ADDRESS));

    // cffi4j, set up once per JVM like an application would.
    static final FFI FFI_ = new FFI();

    static {
        FFI_.cdef(CDEF);
        if (FFI_.sizeof("struct rec") != REC.byteSize()
                || FFI_.offsetof("struct rec", "count") != COUNT_OFFSET
                || FFI_.sizeof("struct blob") != BLOB.byteSize()
                || BLOB.byteSize() != 64) {
            throw new AssertionError("the C structs and the FFM layouts differ");
        }
    }

    // cffi4j for code that wants raw speed: VarHandles of the layout cffi4j derives from the cdef,
    // on the cdata's segment.
    static final VarHandle LAYOUT_ID = FFI_.layout("struct rec").varHandle(MemoryLayout.PathElement.groupElement("id"));
    static final VarHandle LAYOUT_VALUE =
            FFI_.layout("struct rec").varHandle(MemoryLayout.PathElement.groupElement("value"));
    static final VarHandle LAYOUT_COUNT =
            FFI_.layout("struct rec").varHandle(MemoryLayout.PathElement.groupElement("count"));

    // The values every way starts from at setup, and what one fields operation must make of them.
    static final int ID0 = 41;
    static final double VALUE0 = 1.5;
    static final long COUNT0 = 1L << 40;
    static final long DIGEST0 = digest(ID0, VALUE0, COUNT0);

    // A layout's var handle takes the segment and a base offset (0 here: the struct is at the start).
    private static VarHandle field(String name) {
        return REC.varHandle(MemoryLayout.PathElement.groupElement(name));
    }

    /** What a fields operation returns, so that JMH cannot drop the reads. */
    static long digest(int id, double value, long count) {
        return id + count + Double.doubleToRawLongBits(value);
    }

    /** Puts the starting values into the struct at {@code address}. */
    static void initRec(long address) {
        MemorySegment m = MemorySegment.ofAddress(address).reinterpret(REC.byteSize());
        m.set(ValueLayout.JAVA_INT, ID_OFFSET, ID0);
        m.set(ValueLayout.JAVA_DOUBLE, VALUE_OFFSET, VALUE0);
        m.set(ValueLayout.JAVA_LONG, COUNT_OFFSET, COUNT0);
    }

    /**
     * Checks that one fields operation returned the reference digest and left the reference values
     * in the struct at {@code address}, then puts the starting values back.
     */
    static void checkRec(String way, long digest, long address) {
        MemorySegment m = MemorySegment.ofAddress(address).reinterpret(REC.byteSize());
        int id = m.get(ValueLayout.JAVA_INT, ID_OFFSET);
        double value = m.get(ValueLayout.JAVA_DOUBLE, VALUE_OFFSET);
        long count = m.get(ValueLayout.JAVA_LONG, COUNT_OFFSET);
        if (digest != DIGEST0 || id != ID0 + 1 || value != VALUE0 + 1.0 || count != COUNT0 + 1) {
            throw new AssertionError(
                    "fields_" + way + " computed " + digest + " and left " + id + ", " + value + ", " + count);
        }
        initRec(address);
    }

    /** Checks that a 64-byte block came zero-filled. */
    static void checkZero(String way, long address) {
        MemorySegment m = MemorySegment.ofAddress(address).reinterpret(BLOB.byteSize());
        if (m.mismatch(MemorySegment.ofArray(new byte[64])) != -1) {
            throw new AssertionError("alloc64_" + way + " is not zero-filled");
        }
    }

    /** The typed view of a {@code struct rec}: accessors named as its members. */
    public interface RecView {
        int id();

        void id(int v);

        double value();

        void value(double v);

        long count();

        void count(long v);
    }

    MemorySegment rawRec;
    CData rec;
    BenchLib.struct_rec generatedRec;
    RecView recView;

    @Setup
    public void setup() {
        rawRec = Arena.ofAuto().allocate(REC);
        initRec(rawRec.address());
        checkRec("rawFfm", fields_rawFfm(), rawRec.address());
        rec = FFI_.alloc("struct rec *");
        initRec(rec.address());
        checkRec("cdata", fields_cdata(), rec.address());
        checkRec("layout", fields_layout(), rec.address());
        recView = FFI_.view(RecView.class, rec);
        checkRec("view", fields_view(), rec.address());
        generatedRec = BenchLib.struct_rec.allocate(Arena.ofAuto());
        initRec(generatedRec.segment().address());
        checkRec("generated", fields_generated(), generatedRec.segment().address());
        CData b = FFI_.alloc("struct blob *");
        checkZero("cdata", b.address());
        FFI_.release(b);
    }

    /** {@code struct rec} for JNA: {@code long long} is a Java {@code long}. */
    @com.sun.jna.Structure.FieldOrder({"id", "value", "count"})
    public static class JnaRec extends com.sun.jna.Structure {
        public int id;
        public double value;
        public long count;
    }

    /** JNA's state: a {@code struct rec} in memory JNA allocated, and the same memory as a Pointer. */
    @State(Scope.Thread)
    public static class Jna {
        JnaRec rec;
        com.sun.jna.Pointer pointer;

        @Setup
        public void setup() {
            rec = new JnaRec();
            pointer = rec.getPointer();
            long address = com.sun.jna.Pointer.nativeValue(pointer);
            initRec(address);
            checkRec("jna", fieldsJna(rec), address);
            checkRec("jnaPointer", fieldsJnaPointer(pointer), address);
            try (com.sun.jna.Memory m = new com.sun.jna.Memory(64)) {
                m.clear();
                checkZero("jna", com.sun.jna.Pointer.nativeValue(m));
            }
        }
    }

    /** {@code struct rec} for JNR-FFI. */
    public static final class JnrRec extends jnr.ffi.Struct {
        public final Signed32 id = new Signed32();
        public final Double value = new Double();
        public final Signed64 count = new Signed64();

        public JnrRec(jnr.ffi.Runtime runtime) {
            super(runtime);
        }
    }

    /** JNR-FFI's state: a {@code struct rec} over direct memory. */
    @State(Scope.Thread)
    public static class Jnr {
        static final jnr.ffi.Runtime RUNTIME = jnr.ffi.Runtime.getSystemRuntime();
        JnrRec rec;

        @Setup
        public void setup() {
            rec = new JnrRec(RUNTIME);
            jnr.ffi.Pointer memory = jnr.ffi.Memory.allocateDirect(RUNTIME, jnr.ffi.Struct.size(rec), true);
            rec.useMemory(memory);
            initRec(memory.address());
            checkRec("jnr", fieldsJnr(rec), memory.address());
            checkZero("jnr", jnr.ffi.Memory.allocateDirect(RUNTIME, 64, true).address());
        }
    }

    static long fieldsJna(JnaRec rec) {
        rec.read();
        int id = rec.id;
        double value = rec.value;
        long count = rec.count;
        rec.id = id + 1;
        rec.value = value + 1.0;
        rec.count = count + 1;
        rec.write();
        return digest(id, value, count);
    }

    static long fieldsJnaPointer(com.sun.jna.Pointer p) {
        int id = p.getInt(ID_OFFSET);
        double value = p.getDouble(VALUE_OFFSET);
        long count = p.getLong(COUNT_OFFSET);
        p.setInt(ID_OFFSET, id + 1);
        p.setDouble(VALUE_OFFSET, value + 1.0);
        p.setLong(COUNT_OFFSET, count + 1);
        return digest(id, value, count);
    }

    static long fieldsJnr(JnrRec rec) {
        int id = rec.id.get();
        double value = rec.value.get();
        long count = rec.count.get();
        rec.id.set(id + 1);
        rec.value.set(value + 1.0);
        rec.count.set(count + 1);
        return digest(id, value, count);
    }

    @Benchmark
    public long fields_rawFfm() {
        MemorySegment m = rawRec;
        int id = (int) ID.get(m, 0L);
        double value = (double) VALUE.get(m, 0L);
        long count = (long) COUNT.get(m, 0L);
        ID.set(m, 0L, id + 1);
        VALUE.set(m, 0L, value + 1.0);
        COUNT.set(m, 0L, count + 1);
        return digest(id, value, count);
    }

    @Benchmark
    public long fields_generated() {
        BenchLib.struct_rec r = generatedRec;
        int id = r.id();
        double value = r.value();
        long count = r.count();
        r.id(id + 1).value(value + 1.0).count(count + 1);
        return digest(id, value, count);
    }

    @Benchmark
    public long fields_cdata() {
        CData p = rec;
        int id = ((Number) p.get("id")).intValue();
        double value = ((Number) p.get("value")).doubleValue();
        long count = ((Number) p.get("count")).longValue();
        p.set("id", id + 1);
        p.set("value", value + 1.0);
        p.set("count", count + 1);
        return digest(id, value, count);
    }

    @Benchmark
    public long fields_layout() {
        MemorySegment m = rec.segment();
        int id = (int) LAYOUT_ID.get(m, 0L);
        double value = (double) LAYOUT_VALUE.get(m, 0L);
        long count = (long) LAYOUT_COUNT.get(m, 0L);
        LAYOUT_ID.set(m, 0L, id + 1);
        LAYOUT_VALUE.set(m, 0L, value + 1.0);
        LAYOUT_COUNT.set(m, 0L, count + 1);
        return digest(id, value, count);
    }

    @Benchmark
    public long fields_view() {
        RecView r = recView;
        int id = r.id();
        double value = r.value();
        long count = r.count();
        r.id(id + 1);
        r.value(value + 1.0);
        r.count(count + 1);
        return digest(id, value, count);
    }

    @Benchmark
    public long fields_jna(Jna s) {
        return fieldsJna(s.rec);
    }

    @Benchmark
    public long fields_jnaPointer(Jna s) {
        return fieldsJnaPointer(s.pointer);
    }

    @Benchmark
    public long fields_jnr(Jnr s) {
        return fieldsJnr(s.rec);
    }

    @Benchmark
    public long alloc64_rawFfm() {
        try (Arena arena = Arena.ofConfined()) {
            return arena.allocate(BLOB).address();
        }
    }

    @Benchmark
    public long alloc64_rawMalloc() throws Throwable {
        MemorySegment p = (MemorySegment) CALLOC.invokeExact(1L, BLOB.byteSize());
        FREE.invokeExact(p);
        return p.address();
    }

    @Benchmark
    public long alloc64_cdata() {
        CData p = FFI_.alloc("struct blob *");
        long address = p.address();
        FFI_.release(p);
        return address;
    }

    @Benchmark
    public long alloc64_scope() {
        try (org.cffi4j.Scope scope = FFI_.scope()) {
            return scope.alloc("struct blob *").address();
        }
    }

    @Benchmark
    public long alloc64_jna(Jna s) {
        try (com.sun.jna.Memory m = new com.sun.jna.Memory(64)) {
            m.clear();
            return com.sun.jna.Pointer.nativeValue(m);
        }
    }

    @Benchmark
    public long alloc64_jnr(Jnr s) {
        return jnr.ffi.Memory.allocateDirect(Jnr.RUNTIME, 64, true).address();
    }
}

package org.cffi4j.apimode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.function.Function;
import org.cffi4j.CData;
import org.cffi4j.FFI;
import org.cffi4j.FFIException;
import org.cffi4j.Library;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Structs passed and returned by value that the JDK's FFM linker cannot pass as C does: with
 * bitfields, packed, with a long double member, or completed by API mode from a partial
 * declaration (the members the cdef leaves out, here a double, decide how C passes it). API mode
 * calls these functions through a C wrapper that takes and returns the structs by pointer; the
 * functions' results are computed in C, the oracle. Where no wrapper exists (ABI mode, callbacks)
 * an FFIException names the C type.
 */
class StructsByValueApiTest {
    private static final String SOURCE = """
            struct flags { unsigned ready : 1; unsigned mode : 3; signed level : 7; };
            struct __attribute__((packed)) packed { char tag; int value; };
            struct hidden { double weight; int id; };
            struct wide { long double big; int small; };
            static struct flags make_flags(int level) { struct flags f = { 1, 5, level }; return f; }
            static int flags_sum(struct flags f) { return f.ready + f.mode + f.level; }
            static struct packed make_packed(int v) { struct packed p = { 'x', v }; return p; }
            static int packed_value(struct packed p) { return p.value + p.tag; }
            static struct hidden make_hidden(int id) { struct hidden h = { 2.5, id }; return h; }
            static double hidden_weight(struct hidden h, int times) { return h.weight * times + h.id; }
            static struct wide make_wide(int v) { struct wide w = { 1.25L, v }; return w; }
            struct padded { float f; double d; };
            struct padded make_padded(float f, double d) { struct padded p = { f, d }; return p; }
            double padded_sum(struct padded p) { return p.f + p.d; }
            struct __attribute__((aligned(16))) over { int x; };
            static struct over make_over(int x) { struct over o = { x }; return o; }
            """;

    /** The Java side of {@code struct flags make_flags(int)}. */
    public interface Flags {
        CData make_flags(int level);

        int flags_sum(CData flags);
    }

    private static FFI ffi;
    private static Library lib;

    @BeforeAll
    static void compile() {
        TestCache.install();
        ffi = new FFI();
        ffi.cdef("""
                struct flags { unsigned ready : 1; unsigned mode : 3; signed level : 7; };
                struct __attribute__((packed)) packed { char tag; int value; };
                struct hidden { int id; ...; };
                struct wide { long double big; int small; };
                struct flags make_flags(int level);
                int flags_sum(struct flags f);
                struct packed make_packed(int v);
                int packed_value(struct packed p);
                struct hidden make_hidden(int id);
                double hidden_weight(struct hidden h, int times);
                struct wide make_wide(int v);
                struct padded { float f; double d; };
                struct padded make_padded(float f, double d);
                double padded_sum(struct padded p);
                struct __attribute__((aligned(16))) over { int x; };
                struct over make_over(int x);
                """);
        ffi.setSource("_structs_by_value", SOURCE);
        lib = ffi.compile();
    }

    @Test
    void aStructWithBitfields() {
        CData f = (CData) lib.call("make_flags", -3);
        assertEquals(1L, f.get("ready")); // unsigned int: a long
        assertEquals(5L, f.get("mode"));
        assertEquals(-3, f.get("level"));
        assertEquals(3, lib.call("flags_sum", f));
        assertEquals(1 + 2 + 30, lib.call("flags_sum", Map.of("ready", 1, "mode", 2, "level", 30)));
    }

    @Test
    void aPackedStruct() {
        CData p = (CData) lib.call("make_packed", 1000);
        assertEquals(1000, p.get("value"));
        assertEquals(1000 + 'x', lib.call("packed_value", p));
    }

    @Test
    void aStructCompletedByTheCompiler() {
        CData h = (CData) lib.call("make_hidden", 7);
        assertEquals(7, h.get("id"));
        assertEquals(2.5 * 4 + 7, lib.call("hidden_weight", h, 4));
    }

    @Test
    void aStructWithALongDoubleMember() {
        assertEquals(9, ((CData) lib.call("make_wide", 9)).get("small"));
    }

    // Called directly (the linker can pass it): the padding after 'f' is not an integer, so both
    // eightbytes are SSE, as the C compiler passes them.
    @Test
    void aStructWithPaddingBetweenAFloatAndADoubleIsPassedAsC() {
        CData p = (CData) lib.call("make_padded", 1.5f, 2.25);
        assertEquals(1.5f, p.get("f"));
        assertEquals(2.25, p.get("d"));
        assertEquals(3.75, lib.call("padded_sum", p));
        assertEquals(3.75, lib.call("padded_sum", Map.of("f", 1.5f, "d", 2.25)));
    }

    @Test
    void anOverAlignedStruct() {
        assertEquals(7, ((CData) lib.call("make_over", 7)).get("x"));
    }

    @Test
    void aBoundInterfaceCallsThroughTheWrapperToo() {
        Flags flags = lib.bind(Flags.class);
        assertEquals(1 + 5 + 4, flags.flags_sum(flags.make_flags(4)));
    }

    @Test
    void suchAFunctionHasNoHandleOfItsOwnType() {
        assertEquals(
                "'make_flags' passes a struct by value that the FFM linker cannot pass: API mode calls it through a"
                        + " C wrapper that takes the struct by pointer, so it has no handle of its own C type; call it"
                        + " with invoke",
                assertThrows(
                                FFIException.class,
                                () -> lib.function("make_flags").handle())
                        .getMessage());
    }

    @Test
    void withoutAWrapperTheErrorNamesTheType() {
        FFI over = new FFI();
        over.cdef("struct __attribute__((aligned(16))) over { int x; }; struct over labs(long);");
        try (Library libc = over.dlopen(null)) {
            assertEquals(
                    "cannot call through 'struct over' (the return value of 'labs'): 'struct over' has alignment 16"
                            + " and its members 4 (aligned or packed): the FFM linker cannot pass it by value; API mode"
                            + " (ffi.setSource + ffi.compile) can",
                    assertThrows(FFIException.class, () -> libc.call("labs", 1L))
                            .getMessage());
        }
        FFI abi = new FFI();
        abi.cdef("struct flags { unsigned ready : 1; }; struct flags abs(int);");
        try (Library libc = abi.dlopen(null)) {
            assertEquals(
                    "cannot call through 'struct flags' (the return value of 'abs'): 'struct flags' has bitfields"
                            + " ('ready'): the FFM linker cannot pass it by value; API mode (ffi.setSource +"
                            + " ffi.compile) can",
                    assertThrows(FFIException.class, () -> libc.call("abs", 1)).getMessage());
        }
        assertEquals(
                "cannot make a callback of type 'struct hidden(*)(int)': 'struct hidden' was declared with '...' (API"
                        + " mode completed it, but the members the cdef leaves out decide how C passes it): the FFM"
                        + " linker cannot pass it by value; API mode (ffi.setSource + ffi.compile) calls the functions"
                        + " that do through a C wrapper",
                assertThrows(
                                FFIException.class,
                                () -> ffi.callback("struct hidden(*)(int)", (Function<Object[], Object>) args -> null))
                        .getMessage());
    }
}

package org.cffi4j.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntUnaryOperator;
import org.cffi4j.CData;
import org.cffi4j.FFI;
import org.cffi4j.Library;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The conversion table of callbacks against real C calls (src/test/c/signatures.c): every integer
 * width signed and unsigned, float, double, bool, structs by value both ways (in registers and in
 * memory), {@code char *}, pointers into C memory as results, void callbacks; each in the typed
 * style and the generic {@code Function<Object[], Object>} style, and error values of each kind.
 */
class SignaturesTest {
    private static final String MIXED = "double(*)(signed char, unsigned char, short, unsigned short, int,"
            + " unsigned int, long long, unsigned long long, float, double, _Bool)";

    private static FFI ffi;
    private static Library lib;

    /** The linker's carriers: unsigned C types arrive as the raw bits of the same width. */
    @FunctionalInterface
    public interface Mixed {
        double f(byte sc, byte uc, short s, short us, int i, int ui, long ll, long ull, float f, double d, boolean b);
    }

    /** {@code struct pair (*)(struct pair, int)}. */
    @FunctionalInterface
    public interface PairFunction {
        CData apply(CData pair, int k);
    }

    /** {@code struct big (*)(struct big)}. */
    @FunctionalInterface
    public interface BigFunction {
        CData apply(CData big);
    }

    /** {@code const char *(*)(const char *, int)}: a String in, a cdata kept alive by the caller out. */
    @FunctionalInterface
    public interface StringFunction {
        CData apply(String s, int n);
    }

    /** {@code int *(*)(int *, int, int)}. */
    @FunctionalInterface
    public interface Finder {
        CData find(CData items, int n, int wanted);
    }

    /** {@code void (*)(int *, int)}. */
    @FunctionalInterface
    public interface Store {
        void store(MemorySegment out, int v);
    }

    @BeforeAll
    static void load() {
        ffi = new FFI();
        ffi.cdef("""
                struct pair { int a; double b; };
                struct big { long long x, y, z; char tag[8]; };
                int apply_int(int (*f)(int), int x);
                double apply_mixed(double (*f)(signed char, unsigned char, short, unsigned short, int, unsigned int,
                                               long long, unsigned long long, float, double, _Bool), long long seed);
                struct pair apply_pair(struct pair (*f)(struct pair, int), struct pair p, int k);
                struct big apply_big(struct big (*f)(struct big), struct big b);
                const char *apply_str(const char *(*f)(const char *, int), const char *s, int n);
                int *apply_find(int *(*f)(int *, int, int), int *items, int n, int wanted);
                void apply_void(void (*f)(int *, int), int *out, int v);
                """);
        lib = ffi.dlopen(TestLibraries.library("signatures").toString());
    }

    @Test
    void aJdkFunctionalInterfaceOfTheRightShapeIsATypedCallback() {
        CData twicePlusOne = ffi.callback("int(*)(int)", (IntUnaryOperator) x -> 2 * x + 1);

        assertEquals(41, lib.call("apply_int", twicePlusOne, 20));
        assertEquals(-1, lib.call("apply_int", twicePlusOne, Integer.MAX_VALUE)); // 2^32 - 1 wraps as a C int
    }

    @Test
    void everyIntegerWidthAndFloatingTypeArrivesInTheTypedStyleAsRawCarriers() {
        List<Object> seen = new ArrayList<>();
        CData f = ffi.callback(MIXED, (Mixed) (sc, uc, s, us, i, ui, ll, ull, fl, d, b) -> {
            seen.addAll(List.of(sc, uc, s, us, i, ui, ll, ull, fl, d, b));
            return 0.5;
        });

        assertEquals(0.5, lib.call("apply_mixed", f, -77L));

        assertEquals(
                List.of(
                        (byte) -5,
                        (byte) 250,
                        (short) -30000,
                        (short) 65000,
                        -2_000_000_000,
                        (int) 4_000_000_000L,
                        -77L,
                        Long.parseUnsignedLong("18000000000000000000"),
                        1.5f,
                        -2.25,
                        true),
                seen);
    }

    @Test
    void everyIntegerWidthArrivesInTheGenericStyleAsTheConversionTableSays() {
        List<Object> seen = new ArrayList<>();
        CData f = ffi.callback(MIXED, (Function<Object[], Object>) args -> {
            seen.addAll(List.of(args));
            return 7; // an Integer converts to double
        });

        assertEquals(7.0, lib.call("apply_mixed", f, Long.MIN_VALUE));

        // Unsigned types widen to the next Java type; unsigned long long stays two's complement.
        assertEquals(
                List.of(
                        (byte) -5,
                        250,
                        (short) -30000,
                        65000,
                        -2_000_000_000,
                        4_000_000_000L,
                        Long.MIN_VALUE,
                        Long.parseUnsignedLong("18000000000000000000"),
                        1.5f,
                        -2.25,
                        true),
                seen);
    }

    private static CData pair(int a, double b) {
        return (CData) ffi.alloc("struct pair *", Map.of("a", a, "b", b)).deref();
    }

    @Test
    void aSmallStructByValueBothWaysTyped() {
        CData scale = ffi.callback("struct pair(*)(struct pair, int)", (PairFunction) (p, k) -> {
            assertEquals("struct pair", p.ctype().toString());
            return pair((Integer) p.get("a") * k, (Double) p.get("b") * k);
        });

        CData result = (CData) lib.call("apply_pair", scale, pair(3, 0.25), 4);

        assertEquals(12, result.get("a"));
        assertEquals(1.0, result.get("b"));
    }

    @Test
    void aSmallStructByValueGenericReturnsAMap() {
        CData swap = ffi.callback("struct pair(*)(struct pair, int)", (Function<Object[], Object>) args -> {
            CData p = (CData) args[0];
            return Map.of(
                    "a", ((Double) p.get("b")).intValue() + (Integer) args[1], "b", (double) (Integer) p.get("a"));
        });

        CData result = (CData) lib.call("apply_pair", swap, pair(5, 9.75), 100);

        assertEquals(109, result.get("a"));
        assertEquals(5.0, result.get("b"));
    }

    @Test
    void aStructArgumentIsACopyThatOutlivesTheCall() {
        List<CData> kept = new ArrayList<>();
        CData keep = ffi.callback("struct pair(*)(struct pair, int)", (PairFunction) (p, k) -> {
            kept.add(p);
            return p;
        });

        lib.call("apply_pair", keep, pair(1, 2.5), 0);
        lib.call("apply_pair", keep, pair(8, -1.0), 0);

        assertEquals(1, kept.get(0).get("a"));
        assertEquals(2.5, kept.get(0).get("b"));
        assertEquals(8, kept.get(1).get("a"));
    }

    @Test
    void aLargeStructByValueReturnedInMemory() {
        CData rotate = ffi.callback("struct big(*)(struct big)", (BigFunction) b -> {
            CData r = (CData) ffi.alloc("struct big *").deref();
            r.set("x", b.get("y"));
            r.set("y", b.get("z"));
            r.set("z", b.get("x"));
            r.set("tag", ffi.string((CData) b.get("tag")).toUpperCase());
            return r;
        });
        CData big = (CData) ffi.alloc("struct big *", Map.of("x", 1L, "y", Long.MAX_VALUE, "z", -3L, "tag", "abc"))
                .deref();

        CData result = (CData) lib.call("apply_big", rotate, big);

        assertEquals(Long.MAX_VALUE, result.get("x"));
        assertEquals(-3L, result.get("y"));
        assertEquals(1L, result.get("z"));
        assertEquals("ABC", ffi.string((CData) result.get("tag")));
    }

    @Test
    void aCharPointerArrivesAsAStringAndACharArrayIsReturned() {
        List<CData> results = new ArrayList<>(); // the returned memory must outlive the call: the test keeps it
        CData repeat = ffi.callback("const char *(*)(const char *, int)", (StringFunction) (s, n) -> {
            CData r = ffi.alloc("char[]", s.repeat(n));
            results.add(r);
            return r;
        });

        CData result = (CData) lib.call("apply_str", repeat, "ab\u00e9", 3);

        assertEquals("ab\u00e9ab\u00e9ab\u00e9", ffi.string(result));
        assertEquals(results.getFirst().address(), result.address());
    }

    @Test
    void aPointerIntoTheArgumentComesBackAsTheResult() {
        CData items = ffi.alloc("int[]", new int[] {4, 8, 15, 16, 23, 42});
        CData find = ffi.callback("int *(*)(int *, int, int)", (Finder) (p, n, wanted) -> {
            for (int i = 0; i < n; i++) {
                if ((Integer) p.get(i) == wanted) {
                    return p.plus(i);
                }
            }
            return FFI.NULL;
        });

        CData found = (CData) lib.call("apply_find", find, items, 6, 16);

        assertEquals(3, ffi.cast("int *", found).minus(items));
        assertTrue(((CData) lib.call("apply_find", find, items, 6, 99)).isNull());
    }

    @Test
    void aVoidCallbackWritesThroughItsPointer() {
        CData out = ffi.alloc("int *");
        CData store = ffi.callback(
                "void(*)(int *, int)", (Store) (p, v) -> p.reinterpret(4).set(ValueLayout.JAVA_INT, 0, v * v));

        lib.call("apply_void", store, out, -9);
        assertEquals(81, out.deref());

        CData generic = ffi.callback("void(*)(int *, int)", (Function<Object[], Object>) args -> {
            ((CData) args[0]).set(0, (Integer) args[1] + 1);
            return null;
        });
        lib.call("apply_void", generic, out, 41);
        assertEquals(42, out.deref());
    }

    @Test
    void errorValuesOfEachKindReachC() {
        List<Throwable> reported = new ArrayList<>();
        Function<Object[], Object> fail = args -> {
            throw new ArithmeticException("fail " + reported.size());
        };

        assertEquals(-99, lib.call("apply_int", ffi.callback("int(*)(int)", fail, -99, reported::add), 1));
        assertEquals(0, lib.call("apply_int", ffi.callback("int(*)(int)", fail, null, reported::add), 1));
        assertEquals(-0.5, lib.call("apply_mixed", ffi.callback(MIXED, fail, -0.5, reported::add), 0L));
        CData p = (CData) lib.call(
                "apply_pair",
                ffi.callback("struct pair(*)(struct pair, int)", fail, Map.of("a", -1, "b", 0.125), reported::add),
                pair(1, 1),
                1);
        assertEquals(-1, p.get("a"));
        assertEquals(0.125, p.get("b"));
        CData zero = (CData) lib.call(
                "apply_big",
                ffi.callback("struct big(*)(struct big)", fail, null, reported::add),
                ffi.alloc("struct big *", Map.of("x", 5L)).deref());
        assertEquals(0L, zero.get("x"));
        assertEquals("", ffi.string((CData) zero.get("tag")));
        CData items = ffi.alloc("int[]", new int[] {1});
        assertTrue(((CData) lib.call(
                        "apply_find",
                        ffi.callback("int *(*)(int *, int, int)", fail, null, reported::add),
                        items,
                        1,
                        1))
                .isNull());
        lib.call("apply_void", ffi.callback("void(*)(int *, int)", fail, null, reported::add), items, 5);
        assertEquals(1, items.get(0));

        assertEquals(7, reported.size());
        assertTrue(reported.stream().allMatch(t -> t instanceof ArithmeticException));
        assertInstanceOf(ArithmeticException.class, reported.getLast());
    }
}

package org.cffi4j.abi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import org.cffi4j.CData;
import org.cffi4j.FFI;
import org.cffi4j.FFIException;
import org.cffi4j.Library;
import org.cffi4j.Scope;
import org.cffi4j.internal.platform.Abi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * docs/SEMANTICS.md row by row: each test is named after the row it checks (A1 ... O8) and asserts
 * what the row says, through real C functions of libc and libm (declared here with their real
 * signatures) or through cdata stores and loads.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConversionTableTest {
    private static final BigInteger ONE = BigInteger.ONE;

    private FFI ffi;
    private Library libc;

    @BeforeAll
    void load() {
        ffi = new FFI();
        ffi.cdef("""
                int abs(int); long labs(long); long long llabs(long long);
                unsigned int sleep(unsigned int);
                uint16_t htons(uint16_t); uint32_t htonl(uint32_t);
                long strtol(const char *, char **, int);
                unsigned long strtoul(const char *, char **, int);
                size_t strlen(const char *); size_t strnlen(const char *, size_t);
                size_t wcslen(const wchar_t *);
                int atoi(const char *);
                double fabs(double); float fabsf(float); double frexp(double, int *);
                long double fabsl(long double);
                int snprintf(char *, size_t, const char *, ...);
                void *memset(void *, int, size_t);
                char *strcpy(char *, const char *);
                char *getenv(const char *);
                void srand(unsigned int);
                typedef struct { int quot; int rem; } div_t;
                div_t div(int, int);
                struct in_addr { uint32_t s_addr; };
                char *inet_ntoa(struct in_addr);
                struct timeval { long tv_sec; long tv_usec; };
                int gettimeofday(struct timeval *, void *);
                void qsort(void *, size_t, size_t, int (*)(const void *, const void *));
                int strcmp(const char *, const char *);
                enum color { RED, GREEN = 5 };
                enum sign { MINUS = -1, PLUS = 1 };
                #define BIG 0x100000000
                struct a { int x; };
                union u { int i; float f; };
                struct bits { unsigned int u : 3; int s : 3; _Bool b : 1; unsigned long long big : 40; };
                struct record { char name[8]; int items[4]; struct a inner; int *p; };
                """);
        libc = ffi.dlopen(null);
    }

    @AfterAll
    void close() {
        libc.close();
    }

    private static void fails(String message, Executable action) {
        assertEquals(message, assertThrows(FFIException.class, action).getMessage());
    }

    /** A one-item array of {@code ctype} holding {@code value}: a store, then the load is {@link #load}. */
    private CData store(String ctype, Object value) {
        CData box = ffi.alloc(ctype + "[1]");
        box.set(0, value);
        return box;
    }

    private Object roundTrip(String ctype, Object value) {
        return store(ctype, value).get(0);
    }

    private String format(String format, Object... args) {
        CData buf = ffi.alloc("char[128]");
        Object[] all = new Object[args.length + 3];
        all[0] = buf;
        all[1] = 128L;
        all[2] = format;
        System.arraycopy(args, 0, all, 3, args.length);
        libc.call("snprintf", all);
        return ffi.string(buf);
    }

    private static BigInteger big(long v) {
        return BigInteger.valueOf(v);
    }

    private static BigInteger pow2(int n) {
        return ONE.shiftLeft(n);
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class JavaToC {
        Stream<Arguments> signedTypes() {
            return Stream.of(
                    Arguments.of("signed char", big(Byte.MIN_VALUE), big(Byte.MAX_VALUE)),
                    Arguments.of("short", big(Short.MIN_VALUE), big(Short.MAX_VALUE)),
                    Arguments.of("int", big(Integer.MIN_VALUE), big(Integer.MAX_VALUE)),
                    Arguments.of("long", big(Long.MIN_VALUE), big(Long.MAX_VALUE)),
                    Arguments.of("long long", big(Long.MIN_VALUE), big(Long.MAX_VALUE)),
                    Arguments.of("int8_t", big(Byte.MIN_VALUE), big(Byte.MAX_VALUE)),
                    Arguments.of("int16_t", big(Short.MIN_VALUE), big(Short.MAX_VALUE)),
                    Arguments.of("int32_t", big(Integer.MIN_VALUE), big(Integer.MAX_VALUE)),
                    Arguments.of("int64_t", big(Long.MIN_VALUE), big(Long.MAX_VALUE)),
                    Arguments.of("ssize_t", big(Long.MIN_VALUE), big(Long.MAX_VALUE)),
                    Arguments.of("intptr_t", big(Long.MIN_VALUE), big(Long.MAX_VALUE)));
        }

        @ParameterizedTest(name = "A1 {0}")
        @MethodSource("signedTypes")
        void a1_signedIntegersTakeTheirRangeAndNothingMore(String ctype, BigInteger min, BigInteger max) {
            assertEquals(min.longValue(), ((Number) roundTrip(ctype, min)).longValue());
            assertEquals(max.longValue(), ((Number) roundTrip(ctype, max)).longValue());
            assertEquals(-1L, ((Number) roundTrip(ctype, -1L)).longValue());
            String range = "): the range is " + min + ".." + max;
            fails(
                    "integer " + max.add(ONE) + " does not fit in '" + ctype + "' (item 0 of '" + ctype + "[1]'"
                            + range,
                    () -> store(ctype, max.add(ONE)));
            fails(
                    "integer " + min.subtract(ONE) + " does not fit in '" + ctype + "' (item 0 of '" + ctype + "[1]'"
                            + range,
                    () -> store(ctype, min.subtract(ONE)));
        }

        @Test
        void a1_everyJavaIntegerKindIsAnArgument() {
            assertEquals(5, libc.call("abs", (byte) -5));
            assertEquals(5, libc.call("abs", (short) -5));
            assertEquals(5, libc.call("abs", -5));
            assertEquals(5, libc.call("abs", -5L));
            assertEquals(5, libc.call("abs", BigInteger.valueOf(-5)));
            assertEquals(65, libc.call("abs", 'A'));
            assertEquals(5, libc.call("abs", ffi.cast("short", -5)));
            assertEquals(Long.MAX_VALUE, libc.call("llabs", -Long.MAX_VALUE));
            fails(
                    "integer 2147483648 does not fit in 'int' (argument 1 of 'abs'): the range is -2147483648..2147483647",
                    () -> libc.call("abs", 1L << 31));
        }

        Stream<Arguments> unsignedTypes() {
            return Stream.of(
                    Arguments.of("unsigned char", 8),
                    Arguments.of("unsigned short", 16),
                    Arguments.of("unsigned int", 32),
                    Arguments.of("unsigned long", 64),
                    Arguments.of("unsigned long long", 64),
                    Arguments.of("uint8_t", 8),
                    Arguments.of("uint16_t", 16),
                    Arguments.of("uint32_t", 32),
                    Arguments.of("uint64_t", 64),
                    Arguments.of("size_t", 64));
        }

        @ParameterizedTest(name = "A2 {0}")
        @MethodSource("unsignedTypes")
        void a2_unsignedIntegersTakeZeroToTwoToTheNMinusOne(String ctype, int bits) {
            BigInteger max = pow2(bits).subtract(ONE);
            assertEquals(max.toString(), Long.toUnsignedString(((Number) roundTrip(ctype, max)).longValue()));
            assertEquals(0L, ((Number) roundTrip(ctype, 0)).longValue());
            String where = " (item 0 of '" + ctype + "[1]'): the range is 0.." + max;
            fails("integer -1 does not fit in '" + ctype + "'" + where, () -> store(ctype, -1L));
            fails("integer " + pow2(bits) + " does not fit in '" + ctype + "'" + where, () -> store(ctype, pow2(bits)));
        }

        Stream<Arguments> everyIntegerWidth() {
            return Stream.concat(
                    signedTypes().map(a -> Arguments.of(a.get()[0], a.get()[1], a.get()[2])),
                    unsignedTypes()
                            .map(a -> Arguments.of(
                                    a.get()[0],
                                    BigInteger.ZERO,
                                    pow2((Integer) a.get()[1]).subtract(ONE))));
        }

        // The bounds and one past them as the Java types a program uses (Integer, Long), not only as
        // BigInteger: through a store, a struct member and a call argument.
        @ParameterizedTest(name = "A1/A2 {0}")
        @MethodSource("everyIntegerWidth")
        void a1_a2_javaIntsAndLongsAreCheckedAtEveryBound(String ctype, BigInteger min, BigInteger max) {
            FFI local = new FFI();
            local.cdef("struct holder { " + ctype + " v; };");
            CData holder = local.alloc("struct holder *");
            CData call = local.callback(
                    ctype + "(*)(" + ctype + ")", (java.util.function.Function<Object[], Object>) args -> args[0]);
            for (BigInteger bound : List.of(min, max)) {
                for (Object v : javaValues(bound)) {
                    assertEquals(bound.longValue(), ((Number) roundTrip(ctype, v)).longValue(), v + " as item");
                    holder.set("v", v);
                    assertEquals(bound.longValue(), ((Number) holder.get("v")).longValue(), v + " as member");
                    assertEquals(bound.longValue(), ((Number) call.call(v)).longValue(), v + " as argument");
                }
            }
            String range = "): the range is " + min + ".." + max;
            for (BigInteger outside : List.of(min.subtract(ONE), max.add(ONE))) {
                for (Object v : javaValues(outside)) {
                    String message = "integer " + outside + " does not fit in '" + ctype + "' (";
                    fails(message + "item 0 of '" + ctype + "[1]'" + range, () -> store(ctype, v));
                    fails(message + "member 'v' of 'struct holder'" + range, () -> holder.set("v", v));
                    fails(message + "argument 1 of '" + ctype + "(*)(" + ctype + ")'" + range, () -> call.call(v));
                }
            }
        }

        // The value as each Java integer type that holds it.
        private List<Object> javaValues(BigInteger v) {
            List<Object> out = new java.util.ArrayList<>();
            if (v.bitLength() < 32) {
                out.add(v.intValue());
            }
            if (v.bitLength() < 64) {
                out.add(v.longValue());
            }
            return out;
        }

        @Test
        void a2_unsignedArguments() {
            assertEquals(0x3412, libc.call("htons", 0x1234));
            assertEquals(3L, libc.call("strnlen", "abc", new BigInteger("18446744073709551615")));
            assertEquals(
                    3L, libc.call("strnlen", "abc", ffi.cast("size_t", -1))); // C7: a cast cdata passes by its value
            fails(
                    "integer -1 does not fit in 'unsigned int' (argument 1 of 'sleep'): the range is 0..4294967295",
                    () -> libc.call("sleep", -1));
            fails(
                    "integer 65536 does not fit in 'uint16_t' (argument 1 of 'htons'): the range is 0..65535",
                    () -> libc.call("htons", 65536));
        }

        @Test
        void a3_charIsSignedOnX86() {
            assumeTrue(Abi.current().name().equals("x86_64-linux"), "plain char is unsigned on AArch64");
            assertEquals((byte) 'A', roundTrip("char", 'A'));
            assertEquals((byte) -128, roundTrip("char", -128));
            fails(
                    "integer 200 does not fit in 'char' (item 0 of 'char[1]'): the range is -128..127",
                    () -> store("char", 200));
            fails(
                    "integer 233 does not fit in 'char' (item 0 of 'char[1]'): the range is -128..127",
                    () -> store("char", '\u00e9'));
        }

        @Test
        void a4_wideCharacters() {
            assertEquals(0x20ac, roundTrip("wchar_t", '\u20ac'));
            assertEquals('\u20ac', roundTrip("char16_t", '\u20ac'));
            assertEquals(0x1F600L, roundTrip("char32_t", 0x1F600));
            fails(
                    "integer 70000 does not fit in 'char16_t' (item 0 of 'char16_t[1]'): the range is 0..65535",
                    () -> store("char16_t", 70000));
        }

        @Test
        void a5_boolTakesBooleansZeroAndOne() {
            assertEquals(true, roundTrip("_Bool", true));
            assertEquals(false, roundTrip("_Bool", 0));
            assertEquals(true, roundTrip("_Bool", 1L));
            assertEquals(true, roundTrip("_Bool", ffi.cast("_Bool", 7)));
            fails(
                    "cannot convert java.lang.Integer 2 to '_Bool' (item 0 of '_Bool[1]'): true, false, 0 or 1 is expected",
                    () -> store("_Bool", 2));
            fails(
                    "cannot convert java.lang.Double 1.0 to '_Bool' (item 0 of '_Bool[1]'): true, false, 0 or 1 is"
                            + " expected",
                    () -> store("_Bool", 1.0));
        }

        @Test
        void a5_boolArguments() {
            // No libc function takes a _Bool: a callback stands in, called through its C function pointer.
            CData isSet = ffi.callback("int(*)(_Bool)", (Function<Object[], Object>) args -> (Boolean) args[0] ? 1 : 0);
            assertEquals(1, isSet.call(true));
            assertEquals(0, isSet.call(0));
            assertEquals(1, isSet.call(ffi.cast("_Bool", 7)));
            fails(
                    "cannot convert java.lang.Integer 2 to '_Bool' (argument 1 of 'int(*)(_Bool)'): true, false, 0 or 1 is"
                            + " expected",
                    () -> isSet.call(2));
        }

        @Test
        void a6_integersRefuseOtherKinds() {
            String tail = " to 'int' (argument 1 of 'abs'): an integer is expected";
            fails("cannot convert java.lang.Double 1.5" + tail, () -> libc.call("abs", 1.5));
            fails("cannot convert java.lang.Float 1.0" + tail, () -> libc.call("abs", 1.0f));
            fails("cannot convert java.lang.Boolean true" + tail, () -> libc.call("abs", true));
            fails("cannot convert java.lang.String \"1\"" + tail, () -> libc.call("abs", "1"));
            fails("cannot convert null" + tail, () -> libc.call("abs", (Object) null));
            CData pointer = ffi.alloc("int *");
            fails("cannot convert org.cffi4j.CData " + pointer + tail, () -> libc.call("abs", pointer));
        }

        @Test
        void a7_floatingTypesTakeAnyJavaNumber() {
            assertEquals(3.0, libc.call("fabs", -3));
            assertEquals(3.0, libc.call("fabs", -3L));
            assertEquals(1.25, libc.call("fabs", -1.25f));
            assertEquals(1.25f, libc.call("fabsf", -1.25));
            assertEquals(2.0, libc.call("fabs", ffi.cast("int", -2)));
            assertEquals(0.1f, roundTrip("float", 0.1)); // rounded to the nearest float
            assertEquals(Float.POSITIVE_INFINITY, libc.call("fabsf", 1e300));
            fails(
                    "cannot convert java.math.BigInteger 1 to 'double' (argument 1 of 'fabs'): a number is expected",
                    () -> libc.call("fabs", BigInteger.ONE));
            fails(
                    "cannot convert java.lang.Character a to 'float' (item 0 of 'float[1]'): a number is expected",
                    () -> store("float", 'a'));
        }

        @Test
        void a8_enumsTakeIntegersAndConstantNames() {
            assertEquals(5L, roundTrip("enum color", "GREEN"));
            assertEquals(7L, roundTrip("enum color", 7));
            assertEquals(-1, roundTrip("enum sign", "MINUS"));
            fails(
                    "'BLUE' is not a constant of 'enum color' (item 0 of 'enum color[1]')",
                    () -> store("enum color", "BLUE"));
            fails(
                    "integer -1 does not fit in 'enum color' (item 0 of 'enum color[1]'): the range is 0..4294967295",
                    () -> store("enum color", -1));
        }

        @Test
        void a9_pointersTakeNullCdataAndNativeSegments() {
            assertEquals(12L, libc.call("strtol", "12", null, 10));
            assertEquals(12L, libc.call("strtol", "12", FFI.NULL, 10));
            assertEquals(12L, libc.call("strtol", ffi.alloc("char[]", "12"), ffi.alloc("char **"), 10));
            try (Arena arena = Arena.ofConfined()) {
                assertEquals(42, libc.call("atoi", arena.allocateFrom("42")));
            }
            CData slot = ffi.alloc("char *[1]");
            slot.set(0, ffi.alloc("char[]", "x"));
            slot.set(0, null);
            assertTrue(((CData) slot.get(0)).isNull());
        }

        @Test
        void a10_stringsBecomeTemporaryUtf8CharPointers() {
            assertEquals(6L, libc.call("strlen", "h\u00e9llo"));
            assertEquals(3L, libc.call("strlen", ffi.cast("char *", ffi.alloc("char[]", "abc"))));
            CData memory = (CData) libc.call("memset", "abc", 0, 1L); // void * takes a String too
            assertTrue(!memory.isNull());
            fails(
                    "cannot convert a java.lang.String to 'int *' (argument 2 of 'frexp'): only char and wide-char pointers take strings",
                    () -> libc.call("frexp", 1.0, "x"));
            fails(
                    "cannot store a java.lang.String as 'char *' (item 0 of 'char *[1]'): its memory would not outlive this"
                            + " statement; use ffi.alloc(\"char[]\", string) and store that",
                    () -> store("char *", "x"));
        }

        @Test
        void a11_javaArraysAreCopiedInAndBack() {
            int[] exponent = new int[1];
            assertEquals(0.5, libc.call("frexp", 8.0, exponent));
            assertEquals(4, exponent[0]);
            assertEquals(2L, libc.call("wcslen", new int[] {'a', 'b', 0}));
            assertEquals(3L, libc.call("strlen", new byte[] {'a', 'b', 'c', 0}));
            long[] words = {-1, -1};
            libc.call("memset", words, 0, 8L);
            assertArrayEquals(new long[] {0, -1}, words);
            fails(
                    "cannot convert a Java long[] to 'int *' (argument 2 of 'frexp'): the items have another C type",
                    () -> libc.call("frexp", 1.0, new long[1]));
            fails(
                    "a Java boolean[] has no C layout; use byte[] for _Bool[]",
                    () -> libc.call("frexp", 1.0, new boolean[1]));
        }

        @Test
        void a12_structsByValue() {
            CData address = ffi.alloc("struct in_addr *", Map.of("s_addr", 0x0100007fL));
            assertEquals("127.0.0.1", ffi.string((CData) libc.call("inet_ntoa", address.deref())));
            assertEquals("127.0.0.1", ffi.string((CData) libc.call("inet_ntoa", Map.of("s_addr", 0x0100007fL))));
            assertEquals("127.0.0.1", ffi.string((CData) libc.call("inet_ntoa", List.of(0x0100007fL))));
            CData d = (CData) libc.call("div", 1, 1);
            fails(
                    "cannot initialise 'struct in_addr' from org.cffi4j.CData " + d
                            + " (argument 1 of 'inet_ntoa'): a Map"
                            + " of members, a List of values, or a cdata of the same type is expected",
                    () -> libc.call("inet_ntoa", d));
        }

        @Test
        void a13_arrays() {
            CData record = ffi.alloc("struct record *");
            record.set("items", new int[] {1, 2, 3, 4});
            record.set("items", List.of(9, 8));
            assertArrayEquals(new int[] {9, 8, 3, 4}, (int[]) ffi.unpack((CData) record.get("items"), 4));
            record.set("name", "abcdefg");
            record.set("name", "xy"); // the NUL is written when there is room
            assertEquals("xy", ffi.string((CData) record.get("name")));
            record.set("name", "12345678"); // an exact fit has no NUL
            assertEquals("12345678", ffi.string((CData) record.get("name")));
            CData bytes = ffi.alloc("unsigned char[]", new byte[] {-1, 0, 127, -128});
            assertArrayEquals(
                    new Object[] {255, 0, 127, 128},
                    new Object[] {bytes.get(0), bytes.get(1), bytes.get(2), bytes.get(3)});
            assertEquals(
                    4294967295L, ffi.alloc("unsigned int[]", new int[] {-1}).get(0));
            assertEquals(1.5, ffi.alloc("double[]", new float[] {1.5f}).get(0)); // not the same width: item by item
            CData copy = ffi.alloc("int[4]", ffi.alloc("int[]", new int[] {5, 6, 7, 8}));
            assertEquals(8, copy.get(3));
            fails(
                    "too many initialisers for 'char[8]': 9 given, room for 8 (member 'name' of 'struct record')",
                    () -> record.set("name", "123456789"));
            fails(
                    "integer 1099511627776 does not fit in 'int' (item 0 of the initialiser of 'int[]'): the range is"
                            + " -2147483648..2147483647",
                    () -> ffi.alloc("int[]", new long[] {1L << 40}));
            fails(
                    "cannot convert java.lang.Byte 2 to '_Bool' (item 0 of the initialiser of '_Bool[]'): true, false, 0 or"
                            + " 1 is expected",
                    () -> ffi.alloc("_Bool[]", new byte[] {2}));
        }

        @Test
        void a14_structsAndUnions() {
            CData record = ffi.alloc("struct record *", Map.of("inner", Map.of("x", 3), "items", List.of(1, 2)));
            assertEquals(3, record.get("inner.x"));
            CData a = ffi.alloc("struct a *", List.of(4));
            assertEquals(4, ffi.alloc("struct a *", a.deref()).get("x"));
            assertEquals(7, ffi.alloc("union u *", List.of(7)).get("i"));
            assertEquals(2.5f, ffi.alloc("union u *", Map.of("f", 2.5)).get("f"));
            fails(
                    "'struct a' has no member named 'q' (the initialiser of 'struct a *')",
                    () -> ffi.alloc("struct a *", Map.of("q", 1)));
            fails(
                    "too many initialisers for 'struct a': 2 given, 1 member (the initialiser of 'struct a *')",
                    () -> ffi.alloc("struct a *", List.of(1, 2)));
            fails(
                    "a union is initialised with one member, not 2 (the initialiser of 'union u *')",
                    () -> ffi.alloc("union u *", Map.of("i", 1, "f", 2.0)));
        }

        @Test
        void a15_bitfieldsTakeTheRangeOfTheirWidth() {
            CData bits = ffi.alloc("struct bits *");
            bits.set("u", 7);
            bits.set("s", -4);
            bits.set("big", (1L << 40) - 1);
            assertEquals(7L, bits.get("u"));
            assertEquals(-4, bits.get("s"));
            assertEquals((1L << 40) - 1, bits.get("big"));
            fails(
                    "integer 8 does not fit in bitfield 'u' of 3 bits (member 'u' of 'struct bits'): the range is 0..7",
                    () -> bits.set("u", 8));
            fails(
                    "integer 4 does not fit in bitfield 's' of 3 bits (member 's' of 'struct bits'): the range is -4..3",
                    () -> bits.set("s", 4));
        }

        @Test
        void a16_typesWithoutAJavaCarrier() {
            fails(
                    "cannot call through 'long double' (argument 1 of 'fabsl'): 'long double' values cannot be passed to or"
                            + " returned from C by the JDK's FFM linker; API mode (ffi.setSource + ffi.compile) generates a C"
                            + " wrapper that can",
                    () -> libc.call("fabsl", 1.0));
            fails(
                    "'long double' values cannot be written in ABI mode (item 0 of 'long double[1]')",
                    () -> store("long double", 1.0));
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class CToJava {
        Stream<Arguments> loads() {
            return Stream.of(
                    // R1..R10: what a value of each C type reads back as
                    Arguments.of("R1", "signed char", -1, (byte) -1),
                    Arguments.of("R1", "int8_t", -1, (byte) -1),
                    Arguments.of("R2", "short", -1, (short) -1),
                    Arguments.of("R2", "int16_t", -1, (short) -1),
                    Arguments.of("R3", "int", -1, -1),
                    Arguments.of("R3", "int32_t", -1, -1),
                    Arguments.of("R3", "wchar_t", -1, -1),
                    Arguments.of("R4", "long", -1, -1L),
                    Arguments.of("R4", "long long", -1, -1L),
                    Arguments.of("R4", "int64_t", -1, -1L),
                    Arguments.of("R4", "ssize_t", -1, -1L),
                    Arguments.of("R4", "intptr_t", -1, -1L),
                    Arguments.of("R5", "unsigned char", 255, 255),
                    Arguments.of("R5", "uint8_t", 255, 255),
                    Arguments.of("R5", "unsigned short", 65535, 65535),
                    Arguments.of("R5", "uint16_t", 65535, 65535),
                    Arguments.of("R6", "unsigned int", 4294967295L, 4294967295L),
                    Arguments.of("R6", "uint32_t", 4294967295L, 4294967295L),
                    Arguments.of("R6", "char32_t", 0x10FFFF, 0x10FFFFL),
                    Arguments.of("R7", "unsigned long", pow2(64).subtract(ONE), -1L),
                    Arguments.of("R7", "unsigned long long", pow2(63), Long.MIN_VALUE),
                    Arguments.of("R7", "uint64_t", 5, 5L),
                    Arguments.of("R7", "size_t", 5, 5L),
                    Arguments.of("R8", "char16_t", 'x', 'x'),
                    Arguments.of("R9", "_Bool", true, true),
                    Arguments.of("R10", "float", 0.5, 0.5f),
                    Arguments.of("R10", "double", 0.5f, 0.5));
        }

        @ParameterizedTest(name = "{0} {1}")
        @MethodSource("loads")
        void r1to10_numbersLoadAsTheJavaTypeThatHoldsTheirRange(
                String row, String ctype, Object stored, Object expected) {
            Object loaded = roundTrip(ctype, stored);
            assertEquals(expected.getClass(), loaded.getClass());
            assertEquals(expected, loaded);
        }

        @Test
        void r1to10_numbersAreReturnedAsTheyLoad() {
            assertEquals(5, libc.call("abs", -5));
            assertEquals(5L, libc.call("labs", -5L));
            assertEquals(5L, libc.call("llabs", -5L));
            assertEquals(0x3412, libc.call("htons", 0x1234));
            assertEquals(0x78563412L, libc.call("htonl", 0x12345678));
            assertEquals(0L, libc.call("sleep", 0));
            assertEquals(-1L, libc.call("strtoul", "18446744073709551615", null, 10));
            assertEquals(3L, libc.call("strlen", "abc"));
            assertEquals(1.5f, libc.call("fabsf", -1.5f));
            assertEquals(1.5, libc.call("fabs", -1.5));
        }

        @Test
        void r11_enums() {
            assertEquals(5L, roundTrip("enum color", 5));
            assertEquals(-1, roundTrip("enum sign", -1));
            assertEquals("GREEN", ffi.string(ffi.cast("enum color", 5)));
            assertEquals("7", ffi.string(ffi.cast("enum color", 7)));
            assertEquals(5, libc.get("GREEN"));
            assertEquals(-1, libc.get("MINUS"));
            assertEquals(0x100000000L, libc.get("BIG"));
        }

        @Test
        void r12_pointersAreCdataNeverJavaNull() {
            CData missing = (CData) libc.call("getenv", "CFFI4J_SURELY_NOT_SET");
            assertTrue(missing.isNull());
            assertEquals("char *", missing.ctype().toString());
            CData p = (CData) ffi.alloc("struct record *").get("p");
            assertTrue(p.isNull());
            fails("NULL pointer dereference: 'int *' is NULL", p::deref);
        }

        @Test
        void r13_structsReturnedByValueAreOwnedCopies() {
            CData d = (CData) libc.call("div", 7, 2);
            assertEquals("<cdata 'div_t' owning 8 bytes>", d.toString());
            assertEquals(3, d.get("quot"));
            assertEquals(1, d.get("rem"));
        }

        @Test
        void r14_membersAndItemsAreViewsSharingTheOwner() {
            CData record = ffi.alloc("struct record *");
            CData inner = (CData) record.get("inner");
            CData name = (CData) record.get("name");
            assertEquals("struct a", inner.ctype().toString());
            assertEquals("char[8]", name.ctype().toString());
            inner.set("x", 9);
            assertEquals(9, record.get("inner.x"));
            ffi.release(record);
            fails(
                    "use of " + inner + " after it was released (ffi.release, or its scope was closed)",
                    () -> inner.get("x"));
        }

        @Test
        void r15_voidIsNull() {
            assertNull(libc.call("srand", 1));
        }

        @Test
        void r16_bitfields() {
            CData bits = ffi.alloc("struct bits *", Map.of("u", 5, "s", -1, "b", true, "big", 1L << 39));
            assertEquals(5L, bits.get("u"));
            assertEquals(-1, bits.get("s"));
            assertEquals(true, bits.get("b"));
            assertEquals(1L << 39, bits.get("big"));
        }

        @Test
        void r17_unpackGivesJavaArraysOfTheItemsBits() {
            assertArrayEquals(new byte[] {-1, 1}, (byte[])
                    ffi.unpack(ffi.alloc("unsigned char[]", List.of(255, 1)), 2));
            assertArrayEquals(new int[] {-1, 2}, (int[]) ffi.unpack(ffi.alloc("unsigned int[]", new int[] {-1, 2}), 2));
            assertArrayEquals(new char[] {'h', 'i'}, (char[])
                    ffi.unpack(ffi.alloc("char16_t[]", new char[] {'h', 'i'}), 2));
            assertArrayEquals(new double[] {0.5}, (double[]) ffi.unpack(ffi.alloc("double[]", new double[] {0.5}), 1));
            assertArrayEquals(new boolean[] {true, false}, (boolean[])
                    ffi.unpack(ffi.alloc("_Bool[]", List.of(true, false)), 2));
            Object[] pointers = (Object[]) ffi.unpack(ffi.alloc("char *[2]"), 2);
            assertTrue(((CData) pointers[1]).isNull());
        }
    }

    @Nested
    class Casts {
        private Object value(CData number) {
            return ffi.alloc(number.ctype() + "[]", List.of(number)).get(0);
        }

        @Test
        void c1_integersWrapModuloTwoToTheN() {
            assertEquals("<cdata 'short' 4464>", ffi.cast("short", 70000).toString());
            assertEquals(255, value(ffi.cast("unsigned char", -1)));
            assertEquals((short) 1, value(ffi.cast("short", new BigInteger("18446744073709551617"))));
            assertEquals(65, value(ffi.cast("int", 'A')));
            assertEquals(1, value(ffi.cast("int", true)));
            assertEquals(0L, value(ffi.cast("long", null)));
            CData block = ffi.alloc("int[2]");
            assertEquals(block.address(), value(ffi.cast("intptr_t", block)));
            assertEquals(-1, value(ffi.cast("int", ffi.cast("unsigned int", 4294967295L))));
        }

        @Test
        void c2_floatingValuesAreTruncatedTowardZero() {
            assertEquals(3, value(ffi.cast("int", 3.9)));
            assertEquals(-3, value(ffi.cast("int", -3.9)));
            assertEquals(-769803776, value(ffi.cast("int", 2.5e10)));
        }

        @Test
        void c3_boolIsOneForAnyNonZeroValue() {
            assertEquals("<cdata '_Bool' 1>", ffi.cast("_Bool", 5).toString());
            assertEquals(true, value(ffi.cast("_Bool", 0.5))); // compared with zero before any truncation
            assertEquals(true, value(ffi.cast("_Bool", -0.1f)));
            assertEquals(false, value(ffi.cast("_Bool", -0.0)));
            assertEquals(true, value(ffi.cast("_Bool", BigInteger.ONE.shiftLeft(64))));
            assertEquals(true, value(ffi.cast("_Bool", ffi.cast("double", 0.25))));
            assertEquals(false, value(ffi.cast("_Bool", 0)));
        }

        @Test
        void c4_floatingTypes() {
            assertEquals(1.0f, value(ffi.cast("float", 1)));
            assertEquals(3.0, value(ffi.cast("double", ffi.cast("int", 3))));
            assertEquals((float) 0.1, value(ffi.cast("float", 0.1)));
            fails(
                    "cannot convert java.lang.Character a to 'double' (cast): a number is expected",
                    () -> ffi.cast("double", 'a'));
        }

        @Test
        void c5_pointersFromAddressesAndOtherPointers() {
            assertTrue(ffi.cast("void *", null).isNull());
            assertEquals(4096L, ffi.cast("void *", 4096).address());
            assertEquals(8L, ffi.cast("int *", ffi.cast("long", 8)).address());
            CData block = ffi.alloc("int[2]");
            CData bytes = ffi.cast("unsigned char *", block);
            assertEquals(block.address(), bytes.address());
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment s = arena.allocate(4);
                assertEquals(s.address(), ffi.cast("char *", s).address());
            }
            fails("cannot cast java.lang.Double 1.5 to 'char *'", () -> ffi.cast("char *", 1.5));
        }

        @Test
        void c6_notToArraysOrFunctions() {
            fails("cannot cast to an array type 'int[3]': cast to a pointer", () -> ffi.cast("int[3]", 0));
        }

        @Test
        void c7_aCastNumberCarriesItsTypeAndPassesByItsValue() {
            CData max = ffi.cast("unsigned long", -1);
            assertEquals("<cdata 'unsigned long' 18446744073709551615>", max.toString());
            assertEquals("18446744073709551615", format("%lu", max));
            assertEquals(3L, libc.call("strnlen", "abc", max));
            assertEquals(-1L, roundTrip("unsigned long", max));
            fails(
                    "integer 18446744073709551615 does not fit in 'long' (argument 1 of 'labs'): the range is"
                            + " -9223372036854775808..9223372036854775807",
                    () -> libc.call("labs", max));
            assertEquals("4464", format("%hd", ffi.cast("short", 70000)));
        }

        @Test
        void c8_stringsAreNotNumbers() {
            fails("cannot cast java.lang.String \"x\" to an integer type", () -> ffi.cast("int", "x"));
        }
    }

    @Nested
    class Variadic {
        @Test
        void v1_smallIntegersAndCharactersPassAsInt() {
            assertEquals("1 -2 3 Z", format("%d %d %d %c", 1, (short) -2, (byte) 3, 'Z'));
        }

        @Test
        void v2_booleansPassAsOneOrZero() {
            assertEquals("1 0", format("%d %d", true, false));
        }

        @Test
        void v3_longsPassAsLong() {
            assertEquals("1099511627776 -1", format("%ld %lld", 1L << 40, -1L));
        }

        @Test
        void v4_floatsAndDoublesPassAsDouble() {
            assertEquals("1.50 0.25", format("%.2f %.2f", 1.5f, 0.25));
        }

        @Test
        void v5_stringsPassAsCharPointers() {
            assertEquals("[h\u00e9]", format("[%s]", "h\u00e9"));
        }

        @Test
        void v6_nullAndSegmentsPassAsVoidPointers() {
            assertEquals("(nil)", format("%p", (Object) null));
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment s = arena.allocate(1);
                assertEquals("0x" + Long.toHexString(s.address()), format("%p", s));
            }
        }

        @Test
        void v7_cdataPassAsTheirPromotedType() {
            assertEquals(
                    "A 255 2.25 -1",
                    format(
                            "%c %d %.2f %d",
                            ffi.cast("char", 65),
                            ffi.cast("unsigned char", -1),
                            ffi.cast("float", 2.25),
                            ffi.cast("enum sign", -1)));
            assertEquals("abc", format("%s", ffi.alloc("char[]", "abc")));
            assertEquals(
                    "4294967295 18446744073709551615",
                    format("%u %lu", ffi.cast("unsigned int", -1), ffi.cast("unsigned long", -1)));
        }

        @Test
        void v8_otherJavaValuesAreRefused() {
            CData buf = ffi.alloc("char[8]");
            fails(
                    "cannot pass java.math.BigInteger 1 as variadic argument 4 of 'snprintf': use an Integer, Long, Double,"
                            + " String, a cdata, or ffi.cast(\"type\", x)",
                    () -> libc.call("snprintf", buf, 8L, "%d", BigInteger.ONE));
        }

        @Test
        void v9_argumentCounts() {
            fails(
                    "'snprintf' takes at least 3 arguments (int snprintf(char *, size_t, const char *, ...)), 1 given",
                    () -> libc.call("snprintf", ffi.alloc("char[8]")));
            fails("'abs' takes 1 argument (int abs(int)), 0 given", () -> libc.call("abs"));
        }
    }

    @Nested
    class PointerTyping {
        private static final String DIFFER = "the pointed-to types differ; use ffi.cast(";

        @Test
        void p1_pointersAndArraysOfTheSameType() {
            CData tv = ffi.alloc("struct timeval *");
            assertEquals(0, libc.call("gettimeofday", tv, null));
            assertTrue((Long) tv.get("tv_sec") > 1_600_000_000L);
            assertEquals(0.5, libc.call("frexp", 8.0, ffi.alloc("int[1]")));
        }

        @Test
        void p2_qualifiersAreNotChecked() {
            CData buf = ffi.alloc("char[8]");
            libc.call("strcpy", ffi.cast("const char *", buf), "hi");
            assertEquals("hi", ffi.string(buf));
        }

        @Test
        void p3_integerTypesOfOneRepresentation() {
            assertEquals(0.5, libc.call("frexp", 8.0, ffi.alloc("int32_t *")));
            assertEquals(1L, libc.call("strlen", ffi.alloc("unsigned char[]", new byte[] {'A', 0})));
            assertEquals(1L, libc.call("strlen", ffi.alloc("signed char[]", new byte[] {'A', 0})));
            fails(
                    "cannot convert 'long *' to 'int *' (argument 2 of 'frexp'): " + DIFFER
                            + "\"int *\", p) if that is really" + " meant",
                    () -> libc.call("frexp", 1.0, ffi.alloc("long *")));
            fails(
                    "cannot convert 'unsigned int *' to 'int *' (argument 2 of 'frexp'): " + DIFFER
                            + "\"int *\", p) if that" + " is really meant",
                    () -> libc.call("frexp", 1.0, ffi.alloc("unsigned int *")));
        }

        @Test
        void p4_voidPointersGoBothWays() {
            CData record = ffi.alloc("struct record *");
            libc.call("memset", record, 0x01, 4L);
            assertEquals((byte) 1, ((CData) record.get("name")).get(0));
            CData exponent = ffi.alloc("int *");
            assertEquals(0.5, libc.call("frexp", 8.0, ffi.cast("void *", exponent)));
            assertEquals(4, exponent.deref());
            CData words = ffi.alloc("char[2][4]", List.of("b", "a"));
            libc.call("qsort", words, 2L, 4L, ffi.cast("void *", libc.addressOf("strcmp")));
            assertEquals("a", ffi.string((CData) words.get(0)));
        }

        @Test
        void p5_pointersToOtherTypesAreRefused() {
            fails(
                    "cannot convert 'struct a *' to 'struct timeval *' (argument 1 of 'gettimeofday'): " + DIFFER
                            + "\"struct timeval *\", p) if that is really meant",
                    () -> libc.call("gettimeofday", ffi.alloc("struct a *"), null));
            CData holder = ffi.alloc("struct record *");
            fails(
                    "cannot convert 'long *' to 'int *' (member 'p' of 'struct record'): " + DIFFER
                            + "\"int *\", p) if that is" + " really meant",
                    () -> holder.set("p", ffi.alloc("long *")));
        }

        @Test
        void p6_functionPointersOfAnotherTypeNeedACast() {
            CData words = ffi.alloc("char[3][4]", List.of("c", "a", "b"));
            CData strcmp = libc.addressOf("strcmp");
            fails(
                    "cannot convert 'int(*)(const char *, const char *)' to 'int(*)(const void *, const void *)' (argument 4"
                            + " of 'qsort'): " + DIFFER
                            + "\"int(*)(const void *, const void *)\", p) if that is really meant",
                    () -> libc.call("qsort", words, 3L, 4L, strcmp));
            libc.call("qsort", words, 3L, 4L, ffi.cast("int(*)(const void *, const void *)", strcmp));
            assertEquals(
                    "abc",
                    ffi.string((CData) words.get(0))
                            + ffi.string((CData) words.get(1))
                            + ffi.string((CData) words.get(2)));
        }

        @Test
        void p7_pointersToPointersAreComparedLevelByLevel() {
            fails(
                    "cannot convert 'int **' to 'char **' (argument 2 of 'strtol'): " + DIFFER
                            + "\"char **\", p) if that is" + " really meant",
                    () -> libc.call("strtol", "1", ffi.alloc("int **"), 10));
        }

        @Test
        void p8_aStructIsNotAPointerToIt() {
            CData tv = (CData) ffi.alloc("struct timeval *").deref();
            fails(
                    "cannot convert a cdata of type 'struct timeval' to 'struct timeval *' (argument 1 of 'gettimeofday'): a"
                            + " pointer or an array is expected; pass ffi.addressof(s) for a pointer to a struct",
                    () -> libc.call("gettimeofday", tv, null));
            assertEquals(0, libc.call("gettimeofday", ffi.addressof(tv), null));
        }

        @Test
        void p9_numbersAreNotPointers() {
            fails(
                    "cannot convert java.lang.Integer 5 to 'const char *' (argument 1 of 'strlen'): a pointer cdata, FFI.NULL"
                            + " or null is expected",
                    () -> libc.call("strlen", 5));
        }

        @Test
        void p10_releasedMemoryIsRefused() {
            CData s = ffi.alloc("char[]", "x");
            ffi.release(s);
            fails(
                    "use of <cdata 'char[2]' owning 2 bytes, released> as argument 1 of 'strlen' after it was released"
                            + " (ffi.release, or its scope was closed)",
                    () -> libc.call("strlen", s));
        }

        @Test
        void p11_heapSegmentsAreRefused() {
            fails(
                    "a heap MemorySegment cannot be passed as 'const char *' (argument 1 of 'strlen'): C can only see native"
                            + " memory",
                    () -> libc.call("strlen", MemorySegment.ofArray(new byte[2])));
        }
    }

    @Nested
    class Ownership {
        @Test
        void o1_allocOwnsZeroFilledMemoryUntilReleased() {
            CData block = ffi.alloc("int[4]");
            assertArrayEquals(new int[4], (int[]) ffi.unpack(block, 4));
            assertEquals("<cdata 'int[4]' owning 16 bytes>", block.toString());
            ffi.release(block);
            ffi.release(block); // a second release does nothing
            assertEquals("<cdata 'int[4]' owning 16 bytes, released>", block.toString());
            fails(
                    "use of " + block + " after it was released (ffi.release, or its scope was closed)",
                    () -> block.get(0));
        }

        @Test
        void o2_viewsShareTheBlocksLifetimeAndBounds() {
            CData block = ffi.alloc("int[2]");
            CData second = block.plus(1);
            CData asBytes = ffi.cast("char *", block);
            CData member = ffi.addressof(ffi.alloc("struct record *"), "inner");
            assertEquals("struct a *", member.ctype().toString());
            fails("index 1 is out of bounds: 'int *' points into a block of 4 bytes (1 item)", () -> second.get(1));
            fails("index 2 is out of bounds for 'int[2]' (valid: 0..1)", () -> block.get(2));
            ffi.release(block);
            assertThrows(FFIException.class, () -> second.get(0));
            assertThrows(FFIException.class, () -> asBytes.get(0));
        }

        @Test
        void o3_aScopeFreesAtClose() {
            CData inside;
            try (Scope scope = ffi.scope()) {
                inside = scope.alloc("int *", 3);
                assertEquals(3, inside.deref());
            }
            CData freed = inside;
            fails("use of " + freed + " after it was released (ffi.release, or its scope was closed)", freed::deref);
        }

        @Test
        void o4_pointersFromCAreNotOwned() {
            CData home = (CData) libc.call("getenv", "PATH");
            assertTrue(home.toString().startsWith("<cdata 'char *' 0x"), home.toString());
            CData nul = (CData) ffi.alloc("struct record *").get("p");
            fails(
                    "<cdata 'int *' NULL> does not own its memory (it was not made by ffi.alloc or ffi.gc), so it cannot be"
                            + " released",
                    () -> ffi.release(nul));
            CData pastTheEnd = ffi.alloc("int[2]").plus(3);
            assertTrue(pastTheEnd.toString().startsWith("<cdata 'int *' 0x"), pastTheEnd.toString());
        }

        @Test
        void o5_returnedStructsAreOwned() {
            CData d = (CData) libc.call("div", 7, 2);
            ffi.release(d);
            assertThrows(FFIException.class, () -> d.get("quot"));
        }

        @Test
        void o6_callTemporariesLiveForTheCall() {
            // strcpy returns its first argument: a temporary that is gone after the call, so only its
            // address may be compared, never read. The Java array is copied back before the call returns.
            byte[] target = new byte[4];
            CData returned = (CData) libc.call("strcpy", target, "abc");
            assertEquals("abc", new String(target, 0, 3, java.nio.charset.StandardCharsets.US_ASCII));
            assertTrue(!returned.isNull());
        }

        @Test
        void o7_gcRunsTheDestructorOnce() {
            AtomicInteger runs = new AtomicInteger();
            CData guarded = ffi.gc(ffi.alloc("int *"), c -> runs.incrementAndGet());
            ffi.release(guarded);
            ffi.release(guarded);
            assertEquals(1, runs.get());
        }

        @Test
        void o8_fromBufferCopiesArraysAndViewsDirectBuffers() {
            byte[] bytes = {1, 2};
            CData copy = ffi.fromBuffer("char[]", bytes);
            bytes[0] = 9;
            assertEquals((byte) 1, copy.get(0));
            assertEquals("<cdata 'char[2]' owning 2 bytes>", copy.toString());
            ByteBuffer direct = ByteBuffer.allocateDirect(4);
            CData view = ffi.fromBuffer("char[]", direct);
            direct.put(0, (byte) 7);
            assertEquals((byte) 7, view.get(0));
            assertTrue(view.toString().startsWith("<cdata 'char[4]' 0x"), view.toString());
        }
    }
}

package org.cffi4j.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.List;
import org.cffi4j.CDefException;
import org.cffi4j.FFI;
import org.cffi4j.FFIException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A binding of libc generated in ABI mode, compiled with -Xlint:all -Werror and called. */
class GeneratedAbiTest {
    static final String CDEF = """
            #define EBADF 9
            enum color { RED, GREEN = 5, BLUE };
            typedef struct { int quot; int rem; } div_t;
            div_t div(int numer, int denom);
            size_t strlen(const char *s);
            int abs(int j);
            int close(int fd);
            typedef int (*cmp_t)(const void *, const void *);
            void qsort(void *base, size_t nmemb, size_t size, cmp_t compar);
            void *bsearch(const void *key, const void *base, size_t nmemb, size_t size,
                          int (*compar)(const void *, const void *));
            int atexit(void (*function)(void));
            struct point { int x, y; };
            struct segment { struct point from, to; char name[8]; };
            struct bits { unsigned a : 3; int b : 5; char c; long d : 40; _Bool e : 1; };
            extern char **environ;
            int snprintf(char *str, size_t size, const char *format, ...);
            long double strtold(const char *nptr, char **endptr);
            int no_such_function_anywhere(int);
            """;

    @TempDir
    static Path dir;

    static ClassLoader loader;
    static Class<?> libc;

    @BeforeAll
    static void generate() throws Exception {
        GeneratedBinding b = Generator.generate(
                BindingSpec.abi("org.example.LibC", List.of(new CdefSource("libc.cdef", CDEF)), List.of()));
        loader = Compiled.load(dir, b);
        libc = Class.forName("org.example.LibC", true, loader);
    }

    static Object call(String name, Object... args) throws Throwable {
        return Compiled.invoke(libc, name, args);
    }

    static Object member(Object view, String name, Object... args) throws Throwable {
        for (var m : view.getClass().getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == args.length) {
                try {
                    return m.invoke(view, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            }
        }
        throw new AssertionError("no member " + name);
    }

    static Class<?> nested(String name) throws ClassNotFoundException {
        return Class.forName("org.example.LibC$" + name, true, loader);
    }

    @Test
    void constantsAreBakedIn() throws Exception {
        assertEquals(9, libc.getField("EBADF").getInt(null));
        assertEquals(6, libc.getField("BLUE").getInt(null));
    }

    @Test
    void callsGiveWhatCGives() throws Throwable {
        assertEquals(5, call("abs", -5));
        try (Arena arena = Arena.ofConfined()) {
            assertEquals(11L, call("strlen", arena.allocateFrom("hello world")));
            Object d = call("div", (SegmentAllocator) arena, 17, 5);
            assertEquals(3, member(d, "quot"));
            assertEquals(2, member(d, "rem"));
        }
    }

    @Test
    void errnoIsTheLastCallsOfThisThread() throws Throwable {
        assertEquals(-1, call("close", -1));
        assertEquals(9, call("errno"));
    }

    @Test
    void qsortCallsAGeneratedComparator() throws Throwable {
        Class<?> cmp = nested("cmp_t");
        Object comparator = Proxy.newProxyInstance(loader, new Class<?>[] {cmp}, (p, m, a) -> {
            if (!m.getName().equals("apply")) {
                return m.invoke(this, a);
            }
            MemorySegment x = ((MemorySegment) a[0]).reinterpret(4);
            MemorySegment y = ((MemorySegment) a[1]).reinterpret(4);
            return Integer.compare(x.get(ValueLayout.JAVA_INT, 0), y.get(ValueLayout.JAVA_INT, 0));
        });
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment fn =
                    (MemorySegment) cmp.getMethod("allocate", cmp, Arena.class).invoke(null, comparator, arena);
            MemorySegment ints = arena.allocateFrom(ValueLayout.JAVA_INT, 5, 3, 9, 1, 7);
            call("qsort", ints, 5L, 4L, fn);
            assertArrayEquals(new int[] {1, 3, 5, 7, 9}, ints.toArray(ValueLayout.JAVA_INT));
        }
    }

    @Test
    void aFunctionPointerParameterGetsTheTypedefsInterfaceElseItsOwn() throws Exception {
        Class<?> atexit = nested("atexit$function"); // void (*)(void): no typedef names it
        assertTrue(atexit.isInterface());
        assertEquals(void.class, atexit.getMethod("apply").getReturnType());
        // bsearch's comparator has cmp_t's type: cmp_t serves it, no second interface
        assertThrows(ClassNotFoundException.class, () -> nested("bsearch$compar"));
    }

    @Test
    void anExceptionInACallbackNeverReachesC() throws Throwable {
        Class<?> cmp = nested("cmp_t");
        Object throwing = Proxy.newProxyInstance(loader, new Class<?>[] {cmp}, (p, m, a) -> {
            throw new IllegalStateException("comparator failed");
        });
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment fn =
                    (MemorySegment) cmp.getMethod("allocate", cmp, Arena.class).invoke(null, throwing, arena);
            MemorySegment ints = arena.allocateFrom(ValueLayout.JAVA_INT, 2, 1);
            call("qsort", ints, 2L, 4L, fn); // every comparison gives 0: the order stays
            assertArrayEquals(new int[] {2, 1}, ints.toArray(ValueLayout.JAVA_INT));
        } finally {
            System.setErr(err);
        }
        assertTrue(
                captured.toString().contains("From cffi4j callback 'int(*)(const void *, const void *)'"),
                captured.toString());
        assertTrue(captured.toString().contains("comparator failed"), captured.toString());
    }

    @Test
    void structViewsReadAndWriteTheRuntimesLayout() throws Throwable {
        FFI ffi = new FFI();
        ffi.cdef(CDEF);
        for (String s : List.of("div_t", "struct_point", "struct_segment", "struct_bits")) {
            MemoryLayout generated = (MemoryLayout) nested(s).getField("LAYOUT").get(null);
            assertEquals(ffi.layout(s.replace('_', ' ').replace("div t", "div_t")), generated, s);
        }
        try (Arena arena = Arena.ofConfined()) {
            Object seg = nested("struct_segment")
                    .getMethod("allocate", SegmentAllocator.class)
                    .invoke(null, arena);
            member(member(seg, "to"), "y", 42);
            MemorySegment memory = (MemorySegment) member(seg, "segment");
            assertEquals(42, memory.get(ValueLayout.JAVA_INT, ffi.offsetof("struct segment", "to", "y")));
            MemorySegment name = (MemorySegment) member(seg, "name");
            assertEquals(8, name.byteSize());
            assertEquals(ffi.offsetof("struct segment", "name"), name.address() - memory.address());
        }
    }

    @Test
    void bitfieldsAgreeWithTheRuntime() throws Throwable {
        FFI ffi = new FFI();
        ffi.cdef(CDEF);
        try (Arena arena = Arena.ofConfined()) {
            Object bits = nested("struct_bits")
                    .getMethod("allocate", SegmentAllocator.class)
                    .invoke(null, arena);
            member(bits, "a", 5);
            member(bits, "b", -9);
            member(bits, "c", (byte) 'x');
            member(bits, "d", -123456789L);
            member(bits, "e", true);
            var view = ffi.cast("struct bits *", member(bits, "segment"));
            assertEquals(5L, view.get("a")); // the runtime reads an unsigned int as a long
            assertEquals(-9, view.get("b"));
            assertEquals(-123456789L, view.get("d"));
            assertEquals(true, view.get("e"));
            view.set("d", 1L << 38);
            view.set("a", 2);
            assertEquals(1L << 38, member(bits, "d"));
            assertEquals(2, member(bits, "a"));
            assertEquals(-9, member(bits, "b"));
            FFIException tooBig = assertThrows(FFIException.class, () -> member(bits, "b", 16));
            assertEquals(
                    "integer 16 does not fit in bitfield 'b' of 5 bits: the range is -16..15", tooBig.getMessage());
        }
    }

    @Test
    void variadicArgumentsArePromotedAsC() throws Throwable {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(64);
            Object n = call("snprintf", buffer, 64L, arena.allocateFrom("%d %s %.2f %ld %c"), new Object[] {
                42, "text", 2.5f, 1L << 40, 'x'
            });
            assertEquals("42 text 2.50 1099511627776 x", buffer.getString(0));
            assertEquals(28, n);
            FFIException e = assertThrows(
                    FFIException.class,
                    () -> call("snprintf", buffer, 64L, arena.allocateFrom("%d"), new Object[] {new int[1]}));
            assertEquals(
                    "cannot pass int[] of length 1 as variadic argument 4 of 'int snprintf(char *str, size_t size, const char *format, ...)':"
                            + " use an Integer, Long, Double, String or MemorySegment",
                    e.getMessage());
        }
    }

    @Test
    void ffiHasTheSameDeclarationsForTheRuntimesConveniences() throws Throwable {
        FFI ffi = (FFI) call("ffi");
        assertTrue(ffi == call("ffi"), "one FFI per binding");
        assertEquals(
                ffi.sizeof("struct segment"),
                nested("struct_segment")
                                        .getMethod("allocate", SegmentAllocator.class)
                                        .invoke(null, Arena.ofAuto())
                                        .getClass()
                                        .getField("LAYOUT")
                                        .get(null)
                                instanceof MemoryLayout l
                        ? l.byteSize()
                        : -1);
        assertEquals("hello", ffi.string(ffi.cast("char *", Arena.ofAuto().allocateFrom("hello"))));
    }

    @Test
    void globalsAreReadThroughTheirAddress() throws Throwable {
        MemorySegment environ = (MemorySegment) call("environ");
        assertNotEquals(MemorySegment.NULL, environ);
        assertEquals(environ, ((MemorySegment) call("environ$address")).get(ValueLayout.ADDRESS, 0));
    }

    @Test
    void aFunctionNoLibraryDefinesFailsWhenCalledNamingIt() {
        FFIException e = assertThrows(FFIException.class, () -> call("no_such_function_anywhere", 1));
        assertEquals(
                "cannot call 'int no_such_function_anywhere(int)': no library of org.example.LibC defines the symbol"
                        + " 'no_such_function_anywhere'",
                e.getMessage());
    }

    @Test
    void aLibraryThatCannotBeOpenedFailsEachCallSayingWhyNotTheClassInitialisation() throws Throwable {
        GeneratedBinding b = Generator.generate(BindingSpec.abi(
                "org.example.nolib.NoLib",
                List.of(new CdefSource("nolib.cdef", "int abs(int j);")),
                List.of("cffi4j_no_such_lib")));
        Class<?> noLib = Class.forName("org.example.nolib.NoLib", true, Compiled.load(dir.resolve("nolib"), b));
        for (int i = 0; i < 2; i++) { // the same message each time: no NoClassDefFoundError the second time
            FFIException e = assertThrows(FFIException.class, () -> Compiled.invoke(noLib, "abs", -1));
            assertTrue(
                    e.getMessage()
                            .startsWith(
                                    "cannot call 'int abs(int j)': org.example.nolib.NoLib: cannot load library"
                                            + " 'cffi4j_no_such_lib'; tried, in order:\n  the dynamic linker's cache (ldconfig -p)"),
                    e.getMessage());
        }
    }

    @Test
    void whatCannotBeGeneratedIsListedWithWhy() {
        GeneratedBinding b = Generator.generate(
                BindingSpec.abi("org.example.LibC", List.of(new CdefSource("libc.cdef", CDEF)), List.of()));
        assertEquals(
                List.of("strtold: 'long double' values cannot be passed to or returned from C by the JDK's FFM linker;"
                        + " API mode (generate with a C source) generates a C wrapper that can"),
                b.skipped());
    }

    @Test
    void aCdefErrorCitesItsFileLineAndColumn() {
        CDefException e = assertThrows(
                CDefException.class,
                () -> Generator.generate(BindingSpec.abi(
                        "org.example.Bad",
                        List.of(new CdefSource(
                                "src/main/cffi/bad.cdef", "int ok(void);\nsize_tt strlen(const char *);\n")),
                        List.of())));
        assertEquals("src/main/cffi/bad.cdef", e.file());
        assertEquals(2, e.line());
        assertTrue(e.getMessage().startsWith("src/main/cffi/bad.cdef:2:"), e.getMessage());
    }
}

package org.cffi4j.cdata;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import org.cffi4j.Allocator;
import org.cffi4j.CData;
import org.cffi4j.FFI;
import org.cffi4j.FFIException;
import org.cffi4j.Library;
import org.cffi4j.Scope;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code ffi.newAllocator}: blocks from the user's own alloc function (libc's {@code malloc},
 * reached as a library function, a function pointer or from Java), given back to the free
 * function exactly once whether released, closed with a scope or collected.
 */
class AllocatorTest {
    private static FFI ffi;
    private static Library libc;

    @BeforeAll
    static void load() {
        ffi = new FFI();
        ffi.cdef("""
                void *malloc(size_t n);
                void free(void *p);
                void *memset(void *s, int c, size_t n);
                struct point { int x, y; };
                """);
        libc = ffi.dlopen(null);
    }

    /** malloc that fills each block with 0xAB, recording what it allocated and what was freed. */
    private static final class Recording {
        final Set<Long> live = ConcurrentHashMap.newKeySet();
        final List<Long> freedTwice = new ArrayList<>();

        final LongFunction<CData> alloc = n -> {
            CData p = (CData) libc.call("malloc", n);
            libc.call("memset", p, 0xAB, n);
            live.add(p.address());
            return p;
        };

        final Consumer<CData> free = p -> {
            if (!live.remove(p.address())) {
                synchronized (freedTwice) {
                    freedTwice.add(p.address());
                }
            }
            libc.call("free", p);
        };
    }

    @Test
    void libraryFunctionsAsAllocAndFree() {
        Allocator malloc = ffi.newAllocator(libc.function("malloc"), libc.function("free"), true);
        CData p = malloc.alloc("struct point *", Map.of("y", 7));
        assertEquals(0, p.get("x"));
        assertEquals(7, p.get("y"));
        ffi.release(p);
        Allocator pointers = ffi.newAllocator(libc.addressOf("malloc"), libc.addressOf("free"), true);
        assertArrayEquals(new int[] {1, 2, 3}, (int[]) ffi.unpack(pointers.alloc("int[]", new int[] {1, 2, 3}), 3));
    }

    @Test
    void clearingIsTheCallersChoice() {
        Recording r = new Recording();
        CData raw = ffi.newAllocator(r.alloc, r.free, false).alloc("unsigned char[4]");
        assertArrayEquals(new byte[] {(byte) 0xAB, (byte) 0xAB, (byte) 0xAB, (byte) 0xAB}, (byte[]) ffi.unpack(raw, 4));
        CData cleared = ffi.newAllocator(r.alloc, r.free, true).alloc("unsigned char[4]");
        assertArrayEquals(new byte[4], (byte[]) ffi.unpack(cleared, 4));
    }

    @Test
    void eachBlockIsFreedOnceByReleaseScopeOrGc() throws Exception {
        Recording r = new Recording();
        Allocator a = ffi.newAllocator(r.alloc, r.free, true);
        CData released = a.alloc("int[8]");
        ffi.release(released);
        ffi.release(released);
        try (Scope scope = ffi.scope()) {
            scope.own(a.alloc("struct point *"));
        }
        for (int i = 0; i < 100; i++) {
            a.alloc("int[16]"); // unreachable at once
        }
        for (int i = 0; i < 200 && !r.live.isEmpty(); i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertEquals(Set.of(), r.live, "blocks never freed");
        assertEquals(List.of(), r.freedTwice, "blocks freed twice");
        assertEquals(
                "use of <cdata 'int[8]' owning 32 bytes, released> after it was released (ffi.release, or its scope was"
                        + " closed)",
                assertThrows(FFIException.class, () -> released.get(0)).getMessage());
    }

    @Test
    void manyThreadsAllocatingAndReleasing() throws Exception {
        Recording r = new Recording();
        Allocator a = ffi.newAllocator(r.alloc, r.free, true);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        CData p = a.alloc("struct point *", List.of(i, -i));
                        if ((int) p.get("x") + (int) p.get("y") != 0) {
                            throw new AssertionError("a block shared between two allocations");
                        }
                        ffi.release(p);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(Set.of(), r.live);
        assertEquals(List.of(), r.freedTwice);
    }

    @Test
    void misuse() {
        assertEquals(
                "cannot allocate 'int *': the alloc function returned NULL for 4 bytes",
                assertThrows(
                                FFIException.class,
                                () -> ffi.newAllocator((LongFunction<CData>) n -> FFI.NULL, null, true)
                                        .alloc("int *"))
                        .getMessage());
        assertEquals(
                "ffi.newAllocator: the alloc function must be a 'void *(*)(size_t)' cdata, a library function"
                        + " (lib.function(name)), a LongFunction or null, not java.lang.String \"malloc\"",
                assertThrows(FFIException.class, () -> ffi.newAllocator("malloc", null, true))
                        .getMessage());
        assertEquals(
                "ffi.newAllocator: a free function needs an alloc function (null alloc means cffi4j's own"
                        + " allocation, which frees its blocks itself)",
                assertThrows(FFIException.class, () -> ffi.newAllocator(null, libc.function("free"), true))
                        .getMessage());
        CData odd = ffi.cast("void *", ffi.alloc("char[16]").address() + 1);
        assertEquals(
                "cannot allocate 'double *': the alloc function returned 0x?, which is not aligned to 8 bytes",
                assertThrows(
                                FFIException.class,
                                () -> ffi.newAllocator((LongFunction<CData>) n -> odd, null, true)
                                        .alloc("double *"))
                        .getMessage()
                        .replaceAll("0x[0-9a-f]+", "0x?"));
        assertTrue(
                ffi.newAllocator(null, null, false).alloc("int[2]").toString().contains("owning 8 bytes"));
    }
}

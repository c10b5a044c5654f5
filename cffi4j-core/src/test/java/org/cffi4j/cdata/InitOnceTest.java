package org.cffi4j.cdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.cffi4j.FFI;
import org.cffi4j.FFIException;
import org.junit.jupiter.api.Test;

/**
 * {@code ffi.initOnce}: per tag, the initialiser runs exactly once however many threads call at
 * the same moment, every caller gets its result, and a failure leaves the tag to the next caller.
 * Checked by repetition with many threads released together.
 */
class InitOnceTest {
    private static final int THREADS = 16;

    @Test
    void onceAcrossThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            for (int round = 0; round < 50; round++) {
                FFI ffi = new FFI();
                ConcurrentHashMap<String, AtomicInteger> runs = new ConcurrentHashMap<>();
                CountDownLatch start = new CountDownLatch(1);
                List<Future<List<Object>>> results = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    results.add(pool.submit(() -> {
                        start.await();
                        List<Object> seen = new ArrayList<>();
                        for (String tag : List.of("a", "b", "c")) {
                            seen.add(ffi.initOnce(
                                    () -> {
                                        runs.computeIfAbsent(tag, k -> new AtomicInteger())
                                                .incrementAndGet();
                                        Thread.yield(); // widen the window for a second runner
                                        return new Object();
                                    },
                                    tag));
                        }
                        return seen;
                    }));
                }
                start.countDown();
                List<Object> first = results.get(0).get();
                for (Future<List<Object>> f : results) {
                    assertEquals(first, f.get(), "every caller gets the same result");
                }
                for (String tag : List.of("a", "b", "c")) {
                    assertEquals(1, runs.get(tag).get(), "runs of the initialiser of " + tag);
                }
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void aFailureIsRetriedByTheNextCaller() {
        FFI ffi = new FFI();
        AtomicInteger calls = new AtomicInteger();
        IllegalStateException failure = new IllegalStateException("not yet");
        assertEquals(
                failure,
                assertThrows(
                        IllegalStateException.class,
                        () -> ffi.initOnce(
                                () -> {
                                    calls.incrementAndGet();
                                    throw failure;
                                },
                                "tag")));
        Object first = ffi.initOnce(
                () -> {
                    calls.incrementAndGet();
                    return "done";
                },
                "tag");
        assertEquals("done", first);
        assertEquals("done", ffi.initOnce(() -> "again", "tag"));
        assertEquals(2, calls.get());
        Object nothing = ffi.initOnce(() -> null, "null result");
        Object still = ffi.initOnce(() -> "not run", "null result");
        assertEquals(
                List.of(),
                java.util.stream.Stream.of(nothing, still)
                        .filter(x -> x != null)
                        .toList());
    }

    @Test
    void misuse() {
        FFI ffi = new FFI();
        assertEquals(
                "ffi.initOnce: the initialiser of tag t called ffi.initOnce with the same tag, which would wait for"
                        + " itself",
                assertThrows(FFIException.class, () -> ffi.initOnce(() -> ffi.initOnce(() -> 1, "t"), "t"))
                        .getMessage());
        assertEquals(
                "ffi.initOnce needs a tag, not null",
                assertThrows(FFIException.class, () -> ffi.initOnce(() -> 1, null))
                        .getMessage());
        assertEquals(
                "ffi.initOnce needs an initialiser (a Supplier), not null",
                assertThrows(FFIException.class, () -> ffi.initOnce(null, "t")).getMessage());
    }
}

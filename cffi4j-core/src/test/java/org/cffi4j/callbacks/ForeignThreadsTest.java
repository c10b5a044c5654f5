package org.cffi4j.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;
import java.util.function.Function;
import org.cffi4j.CData;
import org.cffi4j.FFI;
import org.cffi4j.Library;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A Java callback called from 16 pthreads started in C (src/test/c/threads.c), 100,000 times each,
 * every 1000th call throwing: C counts what each call returned, Java counts the calls and the
 * reports. Every call must be counted on both sides, every exception reported exactly once, each C
 * thread attached to the JVM while it runs and detached when it ends, and the JVM must go on.
 */
class ForeignThreadsTest {
    private static final int THREADS = 16;
    private static final int CALLS = 100_000;
    private static final int THROW_EVERY = 1000;
    private static final int ERROR_VALUE = -1;

    private static FFI ffi;
    private static Library threads;

    /** {@code int (*)(int thread, int i)}. */
    @FunctionalInterface
    public interface Worker {
        int call(int thread, int i);
    }

    /** The exception of call {@code i} of thread {@code thread}: its message names the call. */
    static final class CallFailed extends RuntimeException {
        CallFailed(int thread, int i) {
            super(thread + ":" + i);
        }
    }

    @BeforeAll
    static void load() {
        ffi = new FFI();
        ffi.cdef("""
                typedef int (*worker_cb)(int thread, int i);
                struct thread_counts { long long ok; long long errors; long long wrong; };
                int expected_result(int i);
                int run_threads(worker_cb cb, int nthreads, int calls, int error_value, struct thread_counts *counts);
                """);
        threads = ffi.dlopen(TestLibraries.library("threads", "-pthread").toString());
    }

    /** What both sides counted in one run. */
    private record Run(AtomicLongArray javaCalls, Map<String, Integer> reports, CData counts, Set<Thread> javaThreads) {
        static Run start() {
            return new Run(
                    new AtomicLongArray(THREADS),
                    new ConcurrentHashMap<>(),
                    ffi.alloc("struct thread_counts[]", THREADS),
                    ConcurrentHashMap.newKeySet());
        }

        Consumer<Throwable> onError() {
            return t -> reports.merge(t instanceof CallFailed ? t.getMessage() : t.toString(), 1, Integer::sum);
        }

        // The callback's body: i % 7 + 1 is what the C side expects (expected_result).
        int call(int thread, int i) {
            javaCalls.incrementAndGet(thread);
            if (i == 0) {
                javaThreads.add(Thread.currentThread());
            }
            if (i % THROW_EVERY == THROW_EVERY - 1) {
                throw new CallFailed(thread, i);
            }
            return i % 7 + 1;
        }

        void runAndCheck(CData callback, int calls) {
            assertEquals(0, threads.call("run_threads", callback, THREADS, calls, ERROR_VALUE, counts));
            int throwsPerThread = calls / THROW_EVERY;
            for (int t = 0; t < THREADS; t++) {
                CData c = (CData) counts.get(t);
                assertEquals((long) calls, javaCalls.get(t), "Java calls of thread " + t);
                assertEquals((long) (calls - throwsPerThread), c.get("ok"), "C saw results of thread " + t);
                assertEquals((long) throwsPerThread, c.get("errors"), "C saw error values of thread " + t);
                assertEquals(0L, c.get("wrong"), "C saw wrong results of thread " + t);
            }
            // Each pthread was attached to the JVM as its own Java thread, and detached when it ended.
            assertEquals(THREADS, javaThreads.size());
            assertFalse(javaThreads.contains(Thread.currentThread()));
            assertTrue(javaThreads.stream().noneMatch(Thread::isAlive), "a C thread is still attached after it ended");
            assertEquals(THREADS * throwsPerThread, reports.size(), "distinct exceptions reported");
            assertTrue(reports.values().stream().allMatch(n -> n == 1), "an exception was reported more than once");
            for (int t = 0; t < THREADS; t++) {
                for (int i = THROW_EVERY - 1; i < calls; i += THROW_EVERY) {
                    assertEquals(1, reports.get(t + ":" + i), "report of call " + t + ":" + i);
                }
            }
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void sixteenPthreadsCallATypedCallbackHundredThousandTimesEach() {
        Run run = Run.start();
        CData callback = ffi.callback("worker_cb", (Worker) run::call, ERROR_VALUE, run.onError());

        run.runAndCheck(callback, CALLS);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void sixteenPthreadsCallAGenericCallback() {
        Run run = Run.start();
        Function<Object[], Object> generic = args -> run.call((Integer) args[0], (Integer) args[1]);
        CData callback = ffi.callback("int(*)(int, int)", generic, ERROR_VALUE, run.onError());

        run.runAndCheck(callback, CALLS / 10);
    }

    @Test
    void theSameCallbackCalledFromJavaCountsAndReportsAlike() {
        // Through CData.call the upcall stub runs on this thread: same result, same error value and report.
        assertEquals(3, threads.call("expected_result", 2));
        Run run = Run.start();
        CData callback = ffi.callback("worker_cb", (Worker) run::call, ERROR_VALUE, run.onError());
        assertEquals(5, callback.call(0, 4));
        assertEquals(ERROR_VALUE, callback.call(0, THROW_EVERY - 1));
        assertEquals(Map.of("0:" + (THROW_EVERY - 1), 1), run.reports());
    }
}

package org.cffi4j.fuzz;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/**
 * Runs a loop of steps on a worker thread and fails the test if one step runs longer than a limit,
 * so that a hang in the code under test is reported as a failure naming the step, instead of
 * stalling the build until CI kills it. The worker is a daemon: if it hangs, it is abandoned.
 */
final class Watchdog {
    /** The body of the loop; calls {@link Watchdog#begin(int)} before each step. */
    interface Loop {
        void run(Watchdog watchdog);
    }

    private final Duration limit;
    private volatile long startedNanos;
    private volatile int current = -1;

    private Watchdog(Duration limit) {
        this.limit = limit;
    }

    /** Marks the start of step {@code index}. */
    void begin(int index) {
        startedNanos = System.nanoTime(); // written before current: whoever sees the index sees its start
        current = index;
    }

    /**
     * Runs {@code loop} and rethrows what it throws; fails with {@code describe.apply(step)} if a
     * step takes longer than {@code limit}.
     */
    static void run(Duration limit, Loop loop, IntFunction<String> describe) throws InterruptedException {
        Watchdog dog = new Watchdog(limit);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread worker = Thread.ofPlatform().name("cdef-fuzz-worker").daemon().unstarted(() -> {
            try {
                loop.run(dog);
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        worker.start();
        while (worker.isAlive()) {
            worker.join(50);
            int step = dog.current;
            long elapsed = System.nanoTime() - dog.startedNanos;
            if (worker.isAlive() && step >= 0 && elapsed > limit.toNanos() && dog.current == step) {
                throw new AssertionError("step " + step + " has been running for " + elapsed / 1_000_000 + " ms (limit "
                        + limit.toMillis() + " ms): a hang or a super-linear algorithm. " + describe.apply(step)
                        + "\nworker stack:" + stackOf(worker));
            }
        }
        Throwable t = failure.get();
        if (t instanceof Error e) {
            throw e;
        }
        if (t != null) {
            throw new AssertionError(t);
        }
    }

    private static String stackOf(Thread t) {
        StringBuilder sb = new StringBuilder();
        StackTraceElement[] frames = t.getStackTrace();
        for (int i = 0; i < Math.min(25, frames.length); i++) {
            sb.append("\n        at ").append(frames[i]);
        }
        return sb.toString();
    }
}

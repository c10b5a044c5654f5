package org.example.callbacks;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * qsort sorting with a Java comparator, and four threads created by pthread_create running a Java
 * start routine on threads the JVM has never seen.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        try (Arena arena = Arena.ofShared()) {
            int[] values = new Random(42).ints(1000, -1_000_000, 1_000_000).toArray();
            MemorySegment array = arena.allocateFrom(ValueLayout.JAVA_INT, values);
            AtomicLong comparisons = new AtomicLong();
            MemorySegment byValue = LibC.compare_fn.allocate((a, b) -> {
                comparisons.incrementAndGet();
                return Integer.compare(a.reinterpret(4).get(ValueLayout.JAVA_INT, 0), b.reinterpret(4).get(ValueLayout.JAVA_INT, 0));
            }, arena);
            LibC.qsort(array, values.length, 4, byValue);
            int[] sorted = values.clone();
            Arrays.sort(sorted);
            check(Arrays.equals(array.toArray(ValueLayout.JAVA_INT), sorted), "qsort's order");

            Set<String> threads = ConcurrentHashMap.newKeySet();
            MemorySegment start = LibC.start_routine.allocate(arg -> {
                threads.add(Thread.currentThread().toString());
                long n = arg.address();
                return MemorySegment.ofAddress(n * n); // the thread's result: its argument squared
            }, arena);
            MemorySegment ids = arena.allocate(ValueLayout.JAVA_LONG, 4);
            for (int i = 0; i < 4; i++) {
                check(LibC.pthread_create(ids.asSlice(8L * i, 8), MemorySegment.NULL, start, MemorySegment.ofAddress(i + 2)) == 0,
                        "pthread_create");
            }
            MemorySegment result = arena.allocate(ValueLayout.ADDRESS);
            long sum = 0;
            for (int i = 0; i < 4; i++) {
                check(LibC.pthread_join(ids.getAtIndex(ValueLayout.JAVA_LONG, i), result) == 0, "pthread_join");
                sum += result.get(ValueLayout.ADDRESS, 0).address();
            }
            check(sum == 4 + 9 + 16 + 25, "the threads' results");
            check(threads.size() == 4, "four C threads ran Java: " + threads);
            System.out.println("qsort: 1000 ints in " + comparisons.get() + " Java comparisons; pthreads: "
                    + threads.size() + " C threads ran the Java start routine, results sum " + sum);
        }
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError("libc-callbacks: " + what + " failed");
        }
    }
}

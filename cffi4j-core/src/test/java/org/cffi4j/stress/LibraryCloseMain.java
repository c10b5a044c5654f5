package org.cffi4j.stress;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntUnaryOperator;
import org.cffi4j.CData;
import org.cffi4j.CFunction;
import org.cffi4j.FFI;
import org.cffi4j.FFIException;
import org.cffi4j.Library;

/**
 * Run in a forked JVM by {@link LibraryCloseTest}: threads call a library's slow functions (one
 * sleeps in C, one sleeps, calls back into Java and sleeps again) through {@code call}, {@code
 * function().invoke} and a bound interface, and read its globals, while the main thread closes the
 * library under them. Every call must return the right result or fail with the closed-library
 * error; at the end the library must really be unloaded, once nothing holds it.
 *
 * <p>Arguments: the stress test library's path, the number of rounds. Prints one line per outcome
 * and its count, then {@code UNLOADED} and {@code DONE}.
 */
public final class LibraryCloseMain {
    private static final int THREADS = 6;
    private static final String CDEF = """
            int slow_add(int a, int b, int micros);
            int slow_apply(int (*f)(int), int x, int micros);
            extern int stress_counter;
            extern int stress_table[4];
            """;

    /** The slow functions as a typed binding. */
    public interface Slow {
        int slow_add(int a, int b, int micros);

        int slow_apply(CData f, int x, int micros);
    }

    private static final Map<String, Integer> OUTCOMES = new ConcurrentHashMap<>();

    private LibraryCloseMain() {}

    public static void main(String[] args) throws Throwable {
        String path = args[0];
        FFI ffi = new FFI();
        ffi.cdef(CDEF);
        CData twice = ffi.callback("int(*)(int)", (IntUnaryOperator) x -> 2 * x);
        for (int round = 0; round < Integer.parseInt(args[1]); round++) {
            round(ffi, path, twice);
        }
        new TreeMap<>(OUTCOMES).forEach((k, v) -> System.out.println(k + " " + (v > 0)));
        System.out.println("UNLOADED " + unloaded(path));
        System.out.println("DONE");
    }

    private static void round(FFI ffi, String path, CData twice) throws InterruptedException {
        Library lib = ffi.dlopen(path);
        Slow bound = lib.bind(Slow.class);
        CFunction add = lib.function("slow_add");
        CData table = (CData) lib.get("stress_table");
        String closed = "' cannot be used: library '" + path + "' is closed";
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch started = new CountDownLatch(THREADS);
        Thread[] threads = new Thread[THREADS];
        for (int t = 0; t < THREADS; t++) {
            int way = t;
            threads[t] = Thread.ofPlatform().start(() -> {
                started.countDown();
                int afterClose = 0;
                while (afterClose < 3) {
                    int a = ThreadLocalRandom.current().nextInt(1000);
                    try {
                        String outcome = call(way, lib, bound, add, table, twice, a);
                        OUTCOMES.merge(outcome, 1, Integer::sum);
                    } catch (FFIException e) {
                        String function =
                                e.getMessage().substring(1, e.getMessage().indexOf('\'', 1));
                        OUTCOMES.merge(
                                e.getMessage().equals("'" + function + closed) ? "closed " + function : e.getMessage(),
                                1,
                                Integer::sum);
                        afterClose++;
                    }
                    if (stop.get()) {
                        afterClose++;
                    }
                }
            });
        }
        started.await();
        Thread.sleep(ThreadLocalRandom.current().nextInt(1, 8));
        lib.close();
        stop.set(true);
        for (Thread t : threads) {
            t.join();
        }
    }

    // One call of the given way; the outcome's name, or a WRONG line if the result is wrong.
    private static String call(int way, Library lib, Slow bound, CFunction add, CData table, CData twice, int a) {
        int expected;
        int got;
        String what;
        switch (way) {
            case 0 -> {
                what = "call slow_add";
                expected = a + 1;
                got = (Integer) lib.call("slow_add", a, 1, 1000);
            }
            case 1 -> {
                what = "invoke slow_add";
                expected = a + 2;
                got = (Integer) add.invoke(a, 2, 1000);
            }
            case 2 -> {
                what = "bind slow_add";
                expected = a + 3;
                got = bound.slow_add(a, 3, 1000);
            }
            case 3 -> {
                what = "bind slow_apply";
                expected = 2 * a;
                got = bound.slow_apply(twice, a, 500);
            }
            case 4 -> {
                what = "get and set stress_counter";
                lib.set("stress_counter", a);
                expected = a;
                got = (Integer) lib.get("stress_counter");
            }
            default -> {
                what = "read stress_table"; // a cdata over the library's memory, made before the close
                expected = 10;
                got = (Integer) table.get(0) + (Integer) table.get(1) + (Integer) table.get(2) + (Integer) table.get(3);
            }
        }
        return got == expected ? what : "WRONG " + what + ": " + got + " instead of " + expected;
    }

    // Whether the library was unmapped once nothing held it: dlopen with RTLD_NOLOAD finds no copy
    // (called directly: a cffi4j Library of its own would hold the library for a while).
    private static boolean unloaded(String path) throws Throwable {
        Linker linker = Linker.nativeLinker();
        MethodHandle dlopen = linker.downcallHandle(
                linker.defaultLookup().find("dlopen").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
        MethodHandle dlclose = linker.downcallHandle(
                linker.defaultLookup().find("dlclose").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment name = arena.allocateFrom(path);
            for (int i = 0; i < 100; i++) {
                System.gc();
                Thread.sleep(50);
                MemorySegment h = (MemorySegment) dlopen.invokeExact(name, FFI.RTLD_NOLOAD | FFI.RTLD_LAZY);
                if (h.equals(MemorySegment.NULL)) {
                    return true;
                }
                int rc = (int) dlclose.invokeExact(h);
            }
        }
        return false;
    }
}

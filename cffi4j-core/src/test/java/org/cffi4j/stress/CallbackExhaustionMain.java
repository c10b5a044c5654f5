package org.cffi4j.stress;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntUnaryOperator;
import org.cffi4j.CData;
import org.cffi4j.CFunction;
import org.cffi4j.FFI;
import org.cffi4j.Library;

/**
 * Run in a forked JVM by {@link CallbackExhaustionTest}: callbacks that overflow the stack or
 * exhaust the heap, round after round; after each round it prints what C got back and what was
 * reported, and at the end proves the JVM still calls C, allocates and collects.
 *
 * <p>Arguments: the stress test library's path, the mode ({@code stack} or {@code heap}), the
 * number of rounds.
 */
public final class CallbackExhaustionMain {
    private static final int ERROR = -7;
    private static final List<Throwable> REPORTED = new ArrayList<>(10_000);

    /** {@code apply_int} as a typed binding. */
    public interface Apply {
        int apply_int(CData f, int x);
    }

    /** {@code qsort} as a typed binding. */
    public interface Sort {
        void qsort(CData base, long n, long size, CData compare);
    }

    private static FFI ffi;
    private static Library lib;
    private static CData callback;

    private CallbackExhaustionMain() {}

    public static void main(String[] args) {
        ffi = new FFI();
        ffi.cdef("""
                int apply_int(int (*f)(int), int x);
                int abs(int x);
                void qsort(void *base, size_t n, size_t size, int (*compare)(const void *, const void *));
                """);
        lib = ffi.dlopen(args[0]);
        int rounds = Integer.parseInt(args[2]);
        switch (args[1]) {
            case "stack" -> stack(rounds);
            case "heap" -> heap(rounds);
            default -> throw new IllegalArgumentException(args[1]);
        }
        System.out.println(
                "ALIVE " + lib.call("abs", -3) + " " + ffi.alloc("int[1000]").length());
        System.gc();
        System.out.println("DONE");
    }

    // C calls Java calls C... until the stack is gone, through each way of calling C.
    private static void stack(int rounds) {
        Apply bound = lib.bind(Apply.class);
        CFunction invoked = lib.function("apply_int");
        IntUnaryOperator[] recurse = {
            x -> (Integer) lib.call("apply_int", callback, x + 1),
            x -> (Integer) invoked.invoke(callback, x + 1),
            x -> bound.apply_int(callback, x + 1),
        };
        String[] ways = {"call", "invoke", "bind"};
        for (int round = 0; round < rounds; round++) {
            int way = round % recurse.length;
            callback = ffi.callback("int(*)(int)", recurse[way], ERROR, REPORTED::add);
            int before = REPORTED.size();
            int result = bound.apply_int(callback, 0);
            report(ways[way], result, before);
        }
        Sort sort = lib.bind(Sort.class);
        CData items = ffi.alloc("int[2]", new int[] {2, 1});
        for (int round = 0; round < rounds; round++) {
            callback = ffi.callback(
                    "int(*)(const void *, const void *)",
                    (Comparator<CData>) (a, b) -> {
                        sort.qsort(items, 2, 4, callback);
                        return 0;
                    },
                    ERROR,
                    REPORTED::add);
            int before = REPORTED.size();
            sort.qsort(items, 2, 4, callback);
            report("qsort", ERROR, before);
        }
    }

    // ROUND <way> <what C returned> <reports in the round> <whether the last one is a StackOverflowError>
    private static void report(String way, int result, int before) {
        System.out.println("ROUND " + way + " " + result + " " + (REPORTED.size() - before) + " "
                + (REPORTED.getLast() instanceof StackOverflowError));
    }

    private static final List<Object> HOG = new ArrayList<>(4096);

    // The callback fills the heap to the last bytes and keeps it full: the guard must give C the
    // error value and keep the report for later, with no heap at all. The report (the default one,
    // on stderr) is made when the next call finds the heap free again.
    private static void heap(int rounds) {
        Apply bound = lib.bind(Apply.class);
        callback = ffi.callback(
                "int(*)(int)",
                (IntUnaryOperator) x -> {
                    if (x == 0) {
                        fill();
                    }
                    return x;
                },
                ERROR,
                null);
        bound.apply_int(callback, 1); // links everything once, with the heap free
        for (int round = 0; round < rounds; round++) {
            int result = bound.apply_int(callback, 0);
            HOG.clear();
            // The heap is full until a collection: the program's own next allocation, not cffi4j's,
            // could fail first (seen about once in ten runs on 2 busy cores).
            System.gc();
            System.out.println("ROUND heap " + result);
            System.out.println("AFTER " + bound.apply_int(callback, 2)); // reports the pending error
        }
    }

    // Big blocks first, then smaller and smaller ones, until not even 16 bytes are left.
    private static void fill() {
        for (int size = 1 << 20; size >= 16; size /= 2) {
            try {
                while (true) {
                    HOG.add(new byte[size]);
                }
            } catch (OutOfMemoryError full) {
                // try a smaller block
            }
        }
        throw new OutOfMemoryError("the test filled the heap");
    }
}

package org.cffi4j.callbacks;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;
import org.cffi4j.CData;
import org.cffi4j.FFI;
import org.cffi4j.Library;
import org.cffi4j.internal.upcall.Upcalls;

/**
 * Run in a forked JVM by {@link CallbackBudgetTest}: makes callbacks, calls each once, releases
 * half and drops the others, and prints what they cost while they lived and what is left after a
 * collection: the code cache where the JVM puts upcall stubs, cffi4j's count of live stubs, and
 * the Java heap.
 *
 * <p>Arguments: the stress test library's path, the number of callbacks.
 */
public final class CallbackBudgetMain {
    private CallbackBudgetMain() {}

    public static void main(String[] args) throws InterruptedException {
        FFI ffi = new FFI();
        ffi.cdef("int apply_int(int (*f)(int), int x);");
        Library lib = ffi.dlopen(args[0]);
        int n = Integer.parseInt(args[1]);
        cycle(ffi, lib, n); // classes loaded, handles linked, guard defined, caches filled: not counted
        long stubs0 = Upcalls.liveStubs();
        long code0 = stubCode();
        long heap0 = heapAfterGc();
        long[] live = cycle(ffi, lib, n);
        System.out.println("LIVE " + (live[0] - stubs0) + " " + (live[1] - code0));
        System.out.println(
                "AFTER " + (Upcalls.liveStubs() - stubs0) + " " + (stubCode() - code0) + " " + (heapAfterGc() - heap0));
    }

    // n callbacks made and called once, half released and half dropped, and collected: the live
    // stubs and the code cache's size while they all lived.
    private static long[] cycle(FFI ffi, Library lib, int n) throws InterruptedException {
        long stubs = Upcalls.liveStubs();
        List<CData> callbacks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = i;
            CData f = ffi.callback("int(*)(int)", (IntUnaryOperator) x -> x + k);
            if ((int) lib.call("apply_int", f, 1) != k + 1) {
                throw new AssertionError("wrong result");
            }
            callbacks.add(f);
        }
        long[] live = {Upcalls.liveStubs(), stubCode()};
        for (int i = 0; i < n; i += 2) {
            ffi.release(callbacks.get(i));
        }
        callbacks.clear();
        settle(stubs);
        return live;
    }

    // Collects until the cleaner has freed what was dropped (or ten seconds have passed).
    private static void settle(long stubs) throws InterruptedException {
        for (int i = 0; i < 200 && Upcalls.liveStubs() > stubs; i++) {
            System.gc();
            Thread.sleep(50);
        }
    }

    // The code cache's heap of non-method code, where HotSpot allocates upcall stubs; through
    // reflection, as cffi4j's module does not read java.management (the test adds it to the JVM).
    private static long stubCode() {
        try {
            Class<?> pool = Class.forName("java.lang.management.MemoryPoolMXBean");
            Class<?> usage = Class.forName("java.lang.management.MemoryUsage");
            for (Object p : (List<?>) Class.forName("java.lang.management.ManagementFactory")
                    .getMethod("getMemoryPoolMXBeans")
                    .invoke(null)) {
                if (((String) pool.getMethod("getName").invoke(p)).contains("non-nmethods")) {
                    return (long) usage.getMethod("getUsed")
                            .invoke(pool.getMethod("getUsage").invoke(p));
                }
            }
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("no code heap for non-method code");
    }

    // Exact after a full collection by the serial collector.
    private static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
    }
}

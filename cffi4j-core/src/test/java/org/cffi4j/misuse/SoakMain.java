package org.cffi4j.misuse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cffi4j.CData;
import org.cffi4j.FFI;
import org.cffi4j.Scope;

/**
 * The forked JVM of the soak test: allocates and drops small cdata objects (dropped for the GC to
 * free, released at once, or freed by a scope), then callbacks (each called once through C), and
 * prints the resident set size after a warm-up and at the end of each phase, so the test can tell
 * whether native memory stays flat.
 *
 * <p>Output: {@code RSS-WARM kB}, {@code RSS-END kB}, {@code RSS-END-GC kB} (after a full GC),
 * {@code RSS-PEAK kB}, {@code ALLOCS n}, {@code SECONDS s}; {@code CB-RSS-WARM kB}, {@code
 * CB-RSS-END-GC kB}, {@code CALLBACKS n}, {@code CB-SECONDS s}; then {@code SOAK-DONE}.
 */
public final class SoakMain {
    private static final int SCOPE_BATCH = 64;

    /** The Java side of the callbacks. */
    @FunctionalInterface
    public interface IntOp {
        int apply(int x);
    }

    private SoakMain() {}

    /**
     * Arguments: the number of allocations and how many of them are the warm-up, then the same for
     * callbacks.
     */
    public static void main(String[] args) throws InterruptedException {
        long total = Long.parseLong(args[0]);
        long warmup = Long.parseLong(args[1]);
        FFI ffi = new FFI();
        ffi.cdef("struct point { int x, y; };");
        long checksum = run(ffi, 0, warmup);
        settle();
        long warm = rssKb();
        long start = System.nanoTime();
        checksum += run(ffi, warmup, total);
        double seconds = (System.nanoTime() - start) / 1e9;
        long end = rssKb();
        settle();
        System.out.println("RSS-WARM " + warm);
        System.out.println("RSS-END " + end);
        System.out.println("RSS-END-GC " + rssKb());
        System.out.println("RSS-PEAK " + status("VmHWM:"));
        System.out.println("ALLOCS " + (total - warmup));
        System.out.println("SECONDS " + seconds);
        System.out.println("CHECKSUM " + checksum);
        System.out.flush();
        callbackPhase(ffi, Long.parseLong(args[2]), Long.parseLong(args[3]));
        System.out.println("SOAK-DONE");
    }

    // Callbacks are far costlier than cdata (an upcall stub each), so this phase is shorter.
    private static void callbackPhase(FFI ffi, long total, long warmup) throws InterruptedException {
        long sum = callbacks(ffi, 0, warmup);
        settle();
        long warm = rssKb();
        long start = System.nanoTime();
        sum += callbacks(ffi, warmup, total);
        double seconds = (System.nanoTime() - start) / 1e9;
        settle();
        System.out.println("CB-RSS-WARM " + warm);
        System.out.println("CB-RSS-END-GC " + rssKb());
        System.out.println("CALLBACKS " + (total - warmup));
        System.out.println("CB-SECONDS " + seconds);
        System.out.println("CB-CHECKSUM " + sum);
    }

    // Callbacks [from, to), each called once from C: half released at once, half dropped.
    private static long callbacks(FFI ffi, long from, long to) {
        long sum = 0;
        for (long i = from; i < to; i++) {
            int k = (int) i;
            CData cb = ffi.callback("int(*)(int)", (IntOp) x -> x + k);
            sum += (Integer) cb.call(1);
            if ((i & 1) == 0) {
                ffi.release(cb);
            }
        }
        return sum;
    }

    // Allocations [from, to): one in eight released at once, one in eight freed by a scope, the rest dropped.
    private static long run(FFI ffi, long from, long to) {
        long sum = 0;
        Scope scope = ffi.scope();
        for (long i = from; i < to; i++) {
            int k = (int) (i & 7);
            if (k < 4) {
                sum += (Integer) ffi.alloc("int *", (int) i).get(0);
            } else if (k < 6) {
                CData p = ffi.alloc("struct point *");
                p.set("y", k);
                sum += (Integer) p.get("y");
            } else if (k == 6) {
                CData p = ffi.alloc("int *", k);
                ffi.release(p);
                sum++;
            } else {
                scope.alloc("struct point *");
                if ((i >> 3) % SCOPE_BATCH == 0) {
                    scope.close();
                    scope = ffi.scope();
                }
                sum++;
            }
        }
        scope.close();
        return sum;
    }

    // A full GC, then time for the cleaner thread to free what the GC found unreachable.
    private static void settle() throws InterruptedException {
        System.gc();
        Thread.sleep(500);
        System.gc();
        Thread.sleep(200);
    }

    private static long rssKb() {
        return status("VmRSS:");
    }

    private static long status(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(
                            line.substring(field.length()).replace("kB", "").trim());
                }
            }
            throw new IllegalStateException("no " + field + " in /proc/self/status");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

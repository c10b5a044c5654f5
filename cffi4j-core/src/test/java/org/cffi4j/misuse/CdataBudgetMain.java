package org.cffi4j.misuse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.SynchronousQueue;
import org.cffi4j.CData;
import org.cffi4j.FFI;
import org.cffi4j.Library;
import org.cffi4j.Scope;
import org.cffi4j.internal.memory.Memory;

/**
 * The forked JVM of {@link CdataBudgetTest} (run with {@code -Dcffi4j.countBlocks=true}): makes
 * cdata every way that owns memory and lets each go every way (released, by a scope, dropped for
 * the GC, wrapped by {@code ffi.gc}), then counts the blocks still allocated and the Java heap
 * still used; then checks that blocks released by another thread than their owner are freed at
 * the owner's next allocation.
 *
 * <p>Output: {@code LIVE-BASE n}, {@code LIVE-END n} (blocks before and after), {@code
 * HEAP-PER-CDATA bytes}, {@code LIVE-HANDED-OVER n} (blocks allocated by a thread and released by
 * another, the owner idle), {@code LIVE-AFTER-OWNER-ALLOC n} (after the owner's next allocation),
 * then {@code BUDGET-DONE}.
 */
public final class CdataBudgetMain {
    private static final int HANDED_OVER = 1000;

    private final FFI ffi = new FFI();
    private final Library libc;

    private CdataBudgetMain() {
        ffi.cdef("""
                struct point { int x, y; };
                typedef struct { int quot; int rem; } div_t;
                div_t div(int num, int denom);
                """);
        libc = ffi.dlopen(null);
    }

    /** Argument: the number of cdata to make. */
    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        CdataBudgetMain m = new CdataBudgetMain();
        long sum = m.cycle(n / 10); // warm-up: classes loaded, code compiled
        settle(-1);
        long base = Memory.liveBlocks();
        long heap = usedHeap();
        sum += m.cycle(n);
        long end = settle(base);
        long perCdata = (usedHeap() - heap) / n;
        System.out.println("LIVE-BASE " + base);
        System.out.println("LIVE-END " + end);
        System.out.println("HEAP-PER-CDATA " + perCdata);
        System.out.println("CHECKSUM " + sum);
        m.handOver();
        System.out.println("BUDGET-DONE");
    }

    // n cdata, each made and let go one of eight ways.
    private long cycle(int n) {
        long sum = 0;
        Scope scope = ffi.scope();
        List<CData> gcd = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            switch (i & 7) {
                case 0 -> ffi.release(ffi.alloc("struct point *", Map.of("x", i)));
                case 1 -> sum += (Integer) ffi.alloc("int[]", new int[] {i, 1}).get(1); // dropped
                case 2 -> sum += (Integer) scope.alloc("int *", i).get(0);
                case 3 -> sum += (Integer) ((CData) libc.call("div", i, 3)).get("rem"); // a struct returned by value
                case 4 -> sum += ffi.fromBuffer("char[]", new byte[] {1, 2, 3}).length(); // a copy of a byte[]
                case 5 -> ffi.release(ffi.gc(ffi.alloc("char[]", 16), c -> {}));
                case 6 -> gcd.add(ffi.gc(ffi.alloc("long *"), c -> {})); // dropped with its destructor
                default -> {
                    CData p = ffi.alloc("struct point[4]");
                    CData view = ffi.cast("struct point *", p).plus(2);
                    view.set("y", i);
                    sum += (Integer) ((CData) p.get(2)).get("y");
                    ffi.release(view); // a view releases its block
                }
            }
            if ((i & 1023) == 0) {
                scope.close();
                scope = ffi.scope();
                gcd.clear();
            }
        }
        scope.close();
        return sum;
    }

    // Blocks made by a thread and released by another while the owner waits: they stay allocated
    // (the owner could be using them) until the owner's next allocation frees them.
    private void handOver() throws InterruptedException {
        SynchronousQueue<List<CData>> made = new SynchronousQueue<>();
        SynchronousQueue<String> go = new SynchronousQueue<>();
        long base = Memory.liveBlocks();
        Thread owner = new Thread(() -> {
            try {
                List<CData> blocks = new ArrayList<>();
                for (int i = 0; i < HANDED_OVER; i++) {
                    blocks.add(ffi.alloc("int *", i));
                }
                made.put(blocks);
                go.take();
                ffi.release(ffi.alloc("int *")); // the next allocation
                go.put("done");
                go.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        owner.start();
        List<CData> blocks = made.take();
        blocks.forEach(ffi::release);
        System.out.println("LIVE-HANDED-OVER " + (Memory.liveBlocks() - base));
        go.put("allocate");
        go.take();
        System.out.println("LIVE-AFTER-OWNER-ALLOC " + (Memory.liveBlocks() - base));
        go.put("end");
        owner.join();
    }

    // GCs until the live blocks are back to `target` (or for a few seconds); the count at the end.
    private static long settle(long target) throws InterruptedException {
        for (int i = 0; i < 20; i++) {
            System.gc();
            Thread.sleep(100);
            if (Memory.liveBlocks() == target) {
                break;
            }
        }
        System.gc();
        Thread.sleep(100);
        return Memory.liveBlocks();
    }

    private static long usedHeap() throws InterruptedException {
        System.gc();
        Thread.sleep(100);
        System.gc();
        return Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
    }
}

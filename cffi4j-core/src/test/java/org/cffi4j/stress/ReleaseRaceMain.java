package org.cffi4j.stress;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.cffi4j.CData;
import org.cffi4j.FFI;
import org.cffi4j.FFIException;
import org.cffi4j.Library;
import org.cffi4j.Scope;
import org.cffi4j.internal.memory.Memory;

/**
 * The forked JVM of {@link ReleaseRaceTest}: worker threads get and set members and items of
 * shared cdata, read their strings, pass them to libc ({@code strlen}, {@code memset}, a struct by
 * value to {@code inet_ntoa}, bound and called) and use their {@code segment()}, while another thread releases them (by {@code ffi.release} and by closing their scopes)
 * and puts new ones in their place; workers also allocate some of the new ones, so that blocks are
 * released by threads other than the one that made them. Every operation must end in its correct
 * result or in an {@code FFIException} saying the memory was released (through a segment: FFM's
 * {@code IllegalStateException}, its arena closed by the release).
 *
 * <p>Arguments: the number of worker threads and of operations in all. Output: {@code SECONDS s}
 * (the race's duration), {@code OK n},
 * {@code RELEASED n}, {@code RELEASES n}, {@code LIVE-BLOCKS n} (blocks still allocated once all is
 * released and collected), then {@code STRESS-DONE}; a wrong outcome prints {@code BAD ...} and
 * exits with status 2.
 */
public final class ReleaseRaceMain {
    /** libc, bound: the typed path of calls. */
    public interface Libc {
        /** {@code strlen}. */
        long strlen(CData s);

        /** {@code memset}. */
        CData memset(CData p, int c, long n);

        /** {@code inet_ntoa}: a struct passed by value. */
        String inet_ntoa(CData in);
    }

    static final String CDEF = """
            struct in_addr { uint32_t s_addr; };
            struct rec { int stamp; char name[16]; long long mine[8]; struct in_addr addr; };
            size_t strlen(const char *s);
            void *memset(void *p, int c, size_t n);
            char *inet_ntoa(struct in_addr in);
            """;
    private static final int SLOTS = 32;
    private static final long MINE = 24; // offsetof(struct rec, mine)

    private final FFI ffi = new FFI();
    private final Library libc;
    private final Libc bound;
    private final AtomicReferenceArray<Entry> slots = new AtomicReferenceArray<>(SLOTS);
    private final AtomicLong stamps = new AtomicLong();
    private final AtomicLong ok = new AtomicLong();
    private final AtomicLong released = new AtomicLong();
    private final AtomicLong releases = new AtomicLong();
    private final AtomicBoolean done = new AtomicBoolean();

    // A shared cdata and what frees it: null for ffi.release, else its scope.
    private record Entry(CData rec, Scope scope) {}

    private ReleaseRaceMain() {
        ffi.cdef(CDEF);
        if (ffi.offsetof("struct rec", "mine") != MINE) {
            throw new IllegalStateException("offsetof(struct rec, mine) is " + ffi.offsetof("struct rec", "mine"));
        }
        libc = ffi.dlopen(null);
        bound = libc.bind(Libc.class);
    }

    /** Arguments: worker threads, operations in all. */
    public static void main(String[] args) throws InterruptedException {
        int workers = Integer.parseInt(args[0]);
        long operations = Long.parseLong(args[1]);
        ReleaseRaceMain m = new ReleaseRaceMain();
        m.run(workers, operations);
    }

    private void run(int workers, long operations) throws InterruptedException {
        for (int i = 0; i < SLOTS; i++) {
            slots.set(i, fresh());
        }
        Thread releaser = new Thread(this::releaseLoop, "releaser");
        Thread[] threads = new Thread[workers];
        for (int w = 0; w < workers; w++) {
            int id = w;
            long n = operations / workers;
            threads[w] = new Thread(() -> work(id, n), "worker-" + w);
        }
        long start = System.nanoTime();
        releaser.start();
        for (Thread t : threads) {
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        done.set(true);
        releaser.join();
        for (int i = 0; i < SLOTS; i++) {
            release(slots.getAndSet(i, null));
        }
        System.out.printf("SECONDS %.1f%n", (System.nanoTime() - start) / 1e9);
        System.out.println("OK " + ok.get());
        System.out.println("RELEASED " + released.get());
        System.out.println("RELEASES " + releases.get());
        for (int i = 0; i < 5 && Memory.liveBlocks() > 0; i++) {
            System.gc();
            Thread.sleep(200); // the cleaner frees what no thread will free (released by another thread)
        }
        System.out.println("LIVE-BLOCKS " + Memory.liveBlocks());
        System.out.println("STRESS-DONE");
    }

    // A new shared struct: its stamp and name say which one it is.
    private Entry fresh() {
        long stamp = stamps.incrementAndGet();
        java.util.Map<String, Object> init = java.util.Map.of(
                "stamp", (int) stamp, "name", "rec-" + stamp, "addr", java.util.Map.of("s_addr", (int) stamp));
        if ((stamp & 1) == 0) {
            return new Entry(ffi.alloc("struct rec *", init), null);
        }
        Scope scope = ffi.scope();
        return new Entry(scope.alloc("struct rec *", init), scope);
    }

    private void release(Entry e) {
        if (e.scope == null) {
            ffi.release(e.rec);
        } else {
            e.scope.close();
        }
        releases.incrementAndGet();
    }

    private void releaseLoop() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        while (!done.get()) {
            release(slots.getAndSet(r.nextInt(SLOTS), fresh()));
            if (r.nextInt(4) == 0) {
                Thread.yield();
            }
        }
    }

    private void work(int w, long n) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        Entry e = null;
        for (long i = 0; i < n; i++) {
            int slot = r.nextInt(SLOTS);
            if (r.nextInt(64) == 0) {
                // A block made by this thread, released later by the releaser thread.
                release(slots.getAndSet(slot, fresh()));
                continue;
            }
            if (e == null || r.nextInt(8) == 0) {
                e = slots.get(slot); // kept for a few operations: the releaser may free it meanwhile
                if (e == null) {
                    continue;
                }
            }
            int op = r.nextInt(10);
            try {
                String bad = operate(op, w, e.rec, r.nextLong());
                if (bad != null) {
                    fail("operation " + op + " on " + e.rec + ": " + bad);
                }
                ok.incrementAndGet();
            } catch (FFIException ex) {
                if (!ex.getMessage().contains(" after it was released (ffi.release, or its scope was closed)")) {
                    fail("operation " + op + ": unexpected " + ex);
                }
                released.incrementAndGet();
            } catch (IllegalStateException ex) {
                // FFM's word for a segment whose arena was closed: the block's release
                if (op != 9 || !"Already closed".equals(ex.getMessage())) {
                    fail("operation " + op + ": unexpected " + ex);
                }
                released.incrementAndGet();
            } catch (RuntimeException | Error ex) {
                ex.printStackTrace(System.out);
                fail("operation " + op + ": unexpected " + ex);
            }
        }
    }

    // One operation on a shared struct; null if its result was right, else what was wrong. Each
    // worker writes only its own item of 'mine'; the stamp and name are written only at allocation.
    private String operate(int op, int w, CData rec, long value) {
        return switch (op) {
            case 0 -> {
                rec.set("mine." + w, value);
                Object back = rec.get("mine." + w);
                yield back.equals(value) ? null : "mine." + w + " read back " + back + ", not " + value;
            }
            case 1 -> {
                CData mine = (CData) rec.get("mine");
                mine.set(w, value);
                yield mine.get(w).equals(value) ? null : "item " + w + " read back wrong";
            }
            case 2 -> {
                int stamp = (Integer) rec.get("stamp");
                String name = ffi.string((CData) rec.get("name"));
                yield name.equals("rec-" + stamp) ? null : "name " + name + " with stamp " + stamp;
            }
            case 3 -> {
                int stamp = (Integer) rec.get("stamp");
                long length = bound.strlen(ffi.addressof(rec, "name", "0"));
                yield length == ("rec-" + stamp).length() ? null : "strlen gave " + length + " for stamp " + stamp;
            }
            case 4 -> {
                int stamp = (Integer) rec.get("stamp");
                Object length = libc.call("strlen", rec.get("name"));
                yield ((Number) length).longValue() == ("rec-" + stamp).length() ? null : "call strlen gave " + length;
            }
            case 5 -> {
                CData item = ffi.addressof(rec, "mine", Integer.toString(w));
                item.set(0, value | 1);
                bound.memset(item, 0, 8);
                yield item.get(0).equals(0L) ? null : "memset left " + item.get(0);
            }
            case 6 -> {
                CData p = ffi.cast("long long *", ffi.addressof(rec, "mine"));
                p.set(w, value);
                long[] all = (long[]) ffi.unpack(p, 8);
                yield all[w] == value ? null : "unpack gave " + all[w] + ", not " + value;
            }
            case 7 -> {
                int stamp = (Integer) rec.get("stamp");
                String dotted = ffi.string((CData) libc.call("inet_ntoa", rec.get("addr")));
                yield dotted.equals(dotted(stamp)) ? null : "call inet_ntoa gave " + dotted + " for stamp " + stamp;
            }
            case 8 -> {
                int stamp = (Integer) rec.get("stamp");
                String dotted = bound.inet_ntoa((CData) rec.get("addr"));
                yield dotted.equals(dotted(stamp)) ? null : "inet_ntoa gave " + dotted + " for stamp " + stamp;
            }
            default -> {
                if ((Integer) rec.get("stamp") % 4 != 0) {
                    yield operate(0, w, rec, value); // a segment costs its block's release a handshake: a few only
                }
                MemorySegment m = rec.segment(); // FFM checks its accesses against the release
                m.set(ValueLayout.JAVA_LONG, MINE + 8L * w, value);
                long back = m.get(ValueLayout.JAVA_LONG, MINE + 8L * w);
                yield back == value ? null : "segment read back " + back + ", not " + value;
            }
        };
    }

    // inet_ntoa's text of an address whose bytes in memory are those of the int stamp (little-endian).
    private static String dotted(int stamp) {
        return (stamp & 255) + "." + (stamp >>> 8 & 255) + "." + (stamp >>> 16 & 255) + "." + (stamp >>> 24);
    }

    private static void fail(String what) {
        System.out.println("BAD " + what);
        System.out.flush();
        Runtime.getRuntime().halt(2);
    }
}

package org.cffi4j.stress;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.atomic.AtomicReference;
import org.cffi4j.CData;
import org.cffi4j.FFI;
import org.cffi4j.FFIException;
import org.cffi4j.Library;

/**
 * The forked JVM of {@link ReleaseDuringUseTest}: a block is released while a C call (or a
 * cdata access) is using it, then a block of the same size is allocated at once (where the C
 * allocator would reuse the freed one), and C (or the access) writes into the first block. If the release freed the block under the call, C
 * writes into the second one (or into the allocator's own data). Prints, per scenario, what C read
 * or wrote, what the second block holds, and what using the first one afterwards gives.
 *
 * <ul>
 *   <li>{@code OTHER-THREAD}: the owner releases the block while another thread is in {@code read}
 *       into it;
 *   <li>{@code OWNER-CALL}: another thread releases the block while its owner is in {@code read}
 *       into it;
 *   <li>{@code CALLBACK}: {@code qsort}'s comparison callback releases the array being sorted;
 *   <li>{@code SEGMENT-CALL}: the block is released while its {@code segment()} is an argument of a
 *       raw FFM call to {@code read} on another thread: the block stays, and so does the segment
 *       (its arena cannot close while the call has it);
 *   <li>{@code INSIDE-ACCESS}: a struct member is set from a Map whose own code (run inside the
 *       access) waits for another thread to release the struct, then allocates (where the thread
 *       frees what others released).
 * </ul>
 */
public final class ReleaseDuringUseMain {
    private static final int SIZE = 4096; // big enough that the C allocator reuses a freed block at once

    private final FFI ffi = new FFI();
    private final Library libc;

    private ReleaseDuringUseMain() {
        ffi.cdef("""
                int pipe(int fds[2]);
                long read(int fd, void *buf, unsigned long n);
                long write(int fd, const void *buf, unsigned long n);
                int close(int fd);
                void qsort(void *base, unsigned long n, unsigned long size, int (*compare)(const void *, const void *));
                """);
        libc = ffi.dlopen(null);
    }

    /** No arguments. */
    public static void main(String[] args) throws Exception {
        ReleaseDuringUseMain m = new ReleaseDuringUseMain();
        m.releasedByOwnerDuringAnotherThreadsCall();
        m.releasedByAnotherThreadDuringOwnersCall();
        m.releasedByCallbackDuringCall();
        m.releasedDuringARawCallWithItsSegment();
        m.releasedInsideAnAccess();
        System.out.println("DONE");
    }

    private void releasedByOwnerDuringAnotherThreadsCall() throws Exception {
        int[] fds = pipe();
        CData buf = ffi.alloc("char[]", SIZE);
        AtomicReference<Object> read = new AtomicReference<>();
        Thread reader = new Thread(() -> read.set(libc.call("read", fds[0], buf, (long) SIZE)));
        reader.start();
        waitUntilBlocked(reader);
        ffi.release(buf); // by the thread that made it
        CData other = ffi.alloc("char[]", SIZE);
        libc.call("write", fds[1], "hello", 5L);
        reader.join();
        report("OTHER-THREAD", read.get(), other, buf);
        closeAll(fds);
    }

    private void releasedByAnotherThreadDuringOwnersCall() throws Exception {
        int[] fds = pipe();
        AtomicReference<CData> buf = new AtomicReference<>();
        AtomicReference<Object> read = new AtomicReference<>();
        CountDownLatch made = new CountDownLatch(1);
        Thread owner = new Thread(() -> {
            CData b = ffi.alloc("char[]", SIZE);
            buf.set(b);
            made.countDown();
            read.set(libc.call("read", fds[0], b, (long) SIZE));
        });
        owner.start();
        made.await();
        waitUntilBlocked(owner);
        ffi.release(buf.get()); // by another thread than the one that made it and is using it
        CData other = ffi.alloc("char[]", SIZE);
        libc.call("write", fds[1], "hello", 5L);
        owner.join();
        report("OWNER-CALL", read.get(), other, buf.get());
        closeAll(fds);
    }

    private void releasedByCallbackDuringCall() {
        int n = 2048;
        int[] values = new int[n];
        for (int i = 0; i < n; i++) {
            values[i] = (i * 7919) % n; // a permutation of 0..n-1
        }
        CData array = ffi.alloc("int[]", values);
        AtomicReference<CData> other = new AtomicReference<>();
        CData compare = ffi.callback("int(*)(const void *, const void *)", (java.util.function.Function<
                        Object[], Object>)
                a -> {
                    if (other.get() == null) {
                        ffi.release(array); // while qsort is sorting it
                        other.set(ffi.alloc("int[]", n));
                    }
                    return Integer.compare((Integer) ffi.cast("int *", a[0]).get(0), (Integer)
                            ffi.cast("int *", a[1]).get(0));
                });
        libc.call("qsort", array, (long) n, 4L, compare);
        int[] left = (int[]) ffi.unpack(other.get(), n);
        System.out.println("CALLBACK other=" + java.util.Arrays.stream(left).sum());
        System.out.println("CALLBACK after=" + useOf(array));
    }

    private void releasedDuringARawCallWithItsSegment() throws Exception {
        int[] fds = pipe();
        java.lang.foreign.Linker linker = java.lang.foreign.Linker.nativeLinker();
        java.lang.invoke.MethodHandle read = linker.downcallHandle(
                linker.defaultLookup().find("read").orElseThrow(),
                java.lang.foreign.FunctionDescriptor.of(
                        java.lang.foreign.ValueLayout.JAVA_LONG,
                        java.lang.foreign.ValueLayout.JAVA_INT,
                        java.lang.foreign.ValueLayout.ADDRESS,
                        java.lang.foreign.ValueLayout.JAVA_LONG));
        CData buf = ffi.alloc("char[]", SIZE);
        java.lang.foreign.MemorySegment segment = buf.segment();
        AtomicReference<Object> got = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            try {
                got.set((long) read.invokeExact(fds[0], segment, (long) SIZE));
            } catch (Throwable t) {
                got.set(t);
            }
        });
        reader.start();
        waitUntilBlocked(reader);
        ffi.release(buf);
        CData other = ffi.alloc("char[]", SIZE);
        libc.call("write", fds[1], "hello", 5L);
        reader.join();
        report("SEGMENT-CALL", got.get(), other, buf);
        System.out.println("SEGMENT-CALL segment=" + segment.getString(0)); // still allocated: the call held it
        closeAll(fds);
    }

    private void releasedInsideAnAccess() throws Exception {
        ffi.cdef("struct page { int first; char pad[4088]; struct { int last; } tail; };");
        SynchronousQueue<CData> made = new SynchronousQueue<>();
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch released = new CountDownLatch(1);
        AtomicReference<CData> other = new AtomicReference<>();
        AtomicReference<Object> outcome = new AtomicReference<>();
        java.util.Map<String, Object> tail = new java.util.AbstractMap<>() {
            @Override
            public java.util.Set<Entry<String, Object>> entrySet() { // runs inside the access
                inside.countDown();
                try {
                    released.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                ffi.alloc("char[1]"); // where this thread frees what others released
                other.set(ffi.alloc("struct page *"));
                return java.util.Set.of(java.util.Map.entry("last", 7));
            }
        };
        Thread owner = new Thread(() -> {
            CData page = ffi.alloc("struct page *");
            try {
                made.put(page);
                page.set("tail", tail);
                outcome.set("set");
            } catch (Exception e) {
                outcome.set(e);
            }
        });
        owner.start();
        CData page = made.take();
        inside.await();
        ffi.release(page); // by another thread than the owner, which is inside an access of it
        released.countDown();
        owner.join();
        System.out.println("INSIDE-ACCESS outcome=" + outcome.get());
        System.out.println("INSIDE-ACCESS other=" + ((CData) other.get()).get("tail.last"));
        System.out.println("INSIDE-ACCESS after=" + useOf(page));
    }

    private void report(String scenario, Object read, CData other, CData released) {
        System.out.println(scenario + " read=" + read);
        System.out.println(scenario + " other=" + ffi.string(other));
        System.out.println(scenario + " after=" + useOf(released));
    }

    private static String useOf(CData released) {
        try {
            return "value " + released.get(0);
        } catch (FFIException e) {
            return e.getMessage();
        }
    }

    private int[] pipe() {
        CData fds = ffi.alloc("int[2]");
        if ((Integer) libc.call("pipe", fds) != 0) {
            throw new IllegalStateException("pipe failed");
        }
        return (int[]) ffi.unpack(fds, 2);
    }

    private void closeAll(int[] fds) {
        libc.call("close", fds[0]);
        libc.call("close", fds[1]);
    }

    // A thread in a blocking C call is RUNNABLE to Java: wait until it has been there a while.
    private static void waitUntilBlocked(Thread t) throws InterruptedException {
        Thread.sleep(300);
        if (!t.isAlive()) {
            throw new IllegalStateException(t + " ended before it was expected to block");
        }
    }
}

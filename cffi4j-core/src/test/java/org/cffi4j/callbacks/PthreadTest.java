package org.cffi4j.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import org.cffi4j.CData;
import org.cffi4j.FFI;
import org.cffi4j.Library;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code pthread_create} (declared by the real {@code pthread.h}) with a Java start routine: the
 * routine runs on a thread the JVM did not create, gets a Java object through a handle, and what it
 * returns comes back from {@code pthread_join}.
 */
class PthreadTest {
    private static final String START_ROUTINE = "void *(*)(void *)";

    private static FFI ffi;
    private static Library libc;

    /** {@code void *(*)(void *)} with cdata. */
    @FunctionalInterface
    public interface StartRoutine {
        CData run(CData arg);
    }

    /** What a start routine saw, filled in on the C thread. */
    static final class Job {
        final int input;
        volatile long pthreadSelf;
        volatile Thread javaThread;

        Job(int input) {
            this.input = input;
        }
    }

    @BeforeAll
    static void load() {
        ffi = Headers.ffi("pthread.h");
        libc = ffi.dlopen(null);
    }

    private static CData startRoutine() {
        return ffi.callback(START_ROUTINE, (StartRoutine) arg -> {
            Job job = (Job) ffi.fromHandle(arg);
            job.javaThread = Thread.currentThread();
            job.pthreadSelf = (Long) libc.call("pthread_self");
            return ffi.cast("void *", job.input * 2L + 1); // the thread's result, read by pthread_join
        });
    }

    private static long start(CData routine, CData arg) {
        CData id = ffi.alloc("pthread_t *");
        assertEquals(0, libc.call("pthread_create", id, FFI.NULL, routine, arg));
        return (Long) id.deref();
    }

    private static long join(long id) {
        CData result = ffi.alloc("void **");
        assertEquals(0, libc.call("pthread_join", id, result));
        return ((CData) result.deref()).address();
    }

    @Test
    void aJavaStartRoutineRunsOnTheNewPthreadWithItsHandleArgument() {
        Job job = new Job(20);
        CData handle = ffi.newHandle(job);
        CData routine = startRoutine();

        long id = start(routine, handle);
        long result = join(id);

        assertEquals(41L, result);
        assertEquals(id, job.pthreadSelf, "pthread_self() inside the routine is the id pthread_create gave");
        assertNotNull(job.javaThread);
        assertNotEquals(Thread.currentThread(), job.javaThread);
        assertFalse(job.javaThread.isAlive(), "the pthread was detached from the JVM when it ended");
        ffi.release(handle);
        // The thread ran after pthread_create returned: the routine had to stay reachable until the join.
        Reference.reachabilityFence(routine);
    }

    @Test
    void severalPthreadsShareOneStartRoutine() {
        CData routine = startRoutine();
        List<Job> jobs = new ArrayList<>();
        List<CData> handles = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Job job = new Job(i);
            jobs.add(job);
            handles.add(ffi.newHandle(job));
            ids.add(start(routine, handles.getLast()));
        }

        for (int i = 0; i < ids.size(); i++) {
            assertEquals(2L * i + 1, join(ids.get(i)));
            assertEquals(ids.get(i), jobs.get(i).pthreadSelf);
        }
        assertEquals(8, jobs.stream().map(j -> j.javaThread).distinct().count());
        handles.forEach(ffi::release);
        Reference.reachabilityFence(routine);
    }

    @Test
    void aThrowingStartRoutineEndsItsThreadWithTheErrorValue() {
        ConcurrentLinkedQueue<Throwable> reported = new ConcurrentLinkedQueue<>();
        AtomicReference<Thread> thread = new AtomicReference<>();
        CData errorResult = ffi.cast("void *", -1); // PTHREAD_CANCELED's value, as a start routine might return
        CData routine = ffi.callback(
                START_ROUTINE,
                (StartRoutine) arg -> {
                    thread.set(Thread.currentThread());
                    throw new IllegalArgumentException("bad job " + arg.address());
                },
                errorResult,
                reported::add);

        long result = join(start(routine, ffi.cast("void *", 7)));

        assertEquals(-1L, result);
        assertEquals(1, reported.size());
        assertEquals("bad job 7", reported.peek().getMessage());
        assertTrue(thread.get() != null && thread.get() != Thread.currentThread());
        Reference.reachabilityFence(routine);
    }
}

package org.cffi4j;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The state of {@link FFI#initOnce}: per tag, the result once an initialiser has returned, and the
 * lock that makes concurrent first callers wait for the one running it.
 */
final class InitOnce {
    // The result, boxed so that a null result counts as done.
    private record Done(Object value) {}

    private final ConcurrentHashMap<Object, Done> results = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Object, ReentrantLock> locks = new ConcurrentHashMap<>();

    @SuppressWarnings("unchecked")
    <T> T run(Supplier<T> initialiser, Object tag) {
        if (initialiser == null || tag == null) {
            throw new FFIException("ffi.initOnce needs "
                    + (initialiser == null ? "an initialiser (a Supplier)" : "a tag") + ", not null");
        }
        Done done = results.get(tag);
        if (done != null) {
            return (T) done.value();
        }
        ReentrantLock lock = locks.computeIfAbsent(tag, t -> new ReentrantLock());
        if (lock.isHeldByCurrentThread()) {
            throw new FFIException("ffi.initOnce: the initialiser of tag " + tag + " called ffi.initOnce with the same"
                    + " tag, which would wait for itself");
        }
        lock.lock();
        try {
            done = results.get(tag);
            if (done == null) {
                done = new Done(initialiser.get()); // an exception leaves the tag to the next caller
                results.put(tag, done);
            }
            return (T) done.value();
        } finally {
            lock.unlock();
        }
    }
}

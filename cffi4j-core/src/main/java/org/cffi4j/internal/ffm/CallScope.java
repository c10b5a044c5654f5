package org.cffi4j.internal.ffm;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * What one C call needs beyond its arguments: temporary native memory for converted arguments
 * (strings, Java arrays, struct initialisers), alive exactly for the call, and the copies back into
 * Java arrays after it. Created lazily, so calls that need none cost nothing.
 */
final class CallScope implements AutoCloseable {
    private Arena arena;
    private List<Runnable> afterCall;

    MemorySegment allocate(long size, long alignment) {
        if (arena == null) {
            arena = Arena.ofConfined();
        }
        return arena.allocate(Math.max(1, size), alignment);
    }

    void afterCall(Runnable copyBack) {
        if (afterCall == null) {
            afterCall = new ArrayList<>(2);
        }
        afterCall.add(copyBack);
    }

    void finishCall() {
        if (afterCall != null) {
            afterCall.forEach(Runnable::run);
        }
    }

    @Override
    public void close() {
        if (arena != null) {
            arena.close();
        }
    }
}

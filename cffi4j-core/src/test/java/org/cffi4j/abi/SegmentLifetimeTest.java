package org.cffi4j.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicReference;
import org.cffi4j.CData;
import org.cffi4j.FFI;
import org.cffi4j.FFIException;
import org.cffi4j.Library;
import org.junit.jupiter.api.Test;

/**
 * The raw memory {@code CData.segment()} and {@code ffi.buffer} hand out for a block cffi4j owns is
 * checked by FFM against the block's release: a use after it is FFM's IllegalStateException, not a
 * use-after-free; the segment keeps the block from the GC; and a release while the segment is an
 * argument of a C call fails as Arena.close does.
 */
class SegmentLifetimeTest {
    private final FFI ffi = new FFI();

    @Test
    void aSegmentIsClosedWhenItsBlockIsReleased() {
        CData p = ffi.alloc("int[]", new int[] {1, 2, 3, 4});
        MemorySegment whole = p.segment();
        MemorySegment item = ffi.cast("int *", p).plus(2).segment();
        assertEquals(2, whole.get(ValueLayout.JAVA_INT, 4));
        assertEquals(3, item.get(ValueLayout.JAVA_INT, 0));
        ffi.release(p);
        assertEquals(
                "Already closed",
                assertThrows(IllegalStateException.class, () -> whole.get(ValueLayout.JAVA_INT, 4))
                        .getMessage());
        assertThrows(IllegalStateException.class, () -> item.set(ValueLayout.JAVA_INT, 0, 9));
        assertEquals(
                "use of " + p + " after it was released (ffi.release, or its scope was closed)",
                assertThrows(FFIException.class, p::segment).getMessage());
    }

    @Test
    void aBufferIsClosedWhenItsBlockIsReleased() {
        CData p = ffi.alloc("char[]", "hello");
        ByteBuffer b = ffi.buffer(p);
        assertEquals('e', b.get(1));
        ffi.release(p);
        assertThrows(IllegalStateException.class, () -> b.get(1));
    }

    @Test
    void aSegmentKeepsItsBlockAllocated() throws InterruptedException {
        MemorySegment s =
                ffi.alloc("long[]", new long[] {11, 22, 33, 44, 55, 66, 77, 88}).segment();
        for (int i = 0; i < 10; i++) {
            System.gc(); // the cdata is unreachable: only the segment keeps the block
            Thread.sleep(20);
            ffi.alloc("long[8]"); // what would reuse a freed block
        }
        for (int i = 0; i < 8; i++) {
            assertEquals(11L * (i + 1), s.getAtIndex(ValueLayout.JAVA_LONG, i));
        }
    }

    @Test
    void aReleaseWhileTheSegmentIsInACallFails() throws Exception {
        ffi.cdef("int pipe(int fds[2]); long write(int fd, const void *buf, unsigned long n); int close(int fd);");
        Library libc = ffi.dlopen(null);
        CData fds = ffi.alloc("int[2]");
        assertEquals(0, libc.call("pipe", fds));
        int[] fd = (int[]) ffi.unpack(fds, 2);
        Linker linker = Linker.nativeLinker();
        MethodHandle read = linker.downcallHandle(
                linker.defaultLookup().find("read").orElseThrow(),
                FunctionDescriptor.of(
                        ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
        CData buf = ffi.alloc("char[16]");
        MemorySegment segment = buf.segment();
        AtomicReference<Object> got = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            try {
                got.set((long) read.invokeExact(fd[0], segment, 16L));
            } catch (Throwable t) {
                got.set(t);
            }
        });
        reader.start();
        Thread.sleep(300); // in read(), which holds the segment's arena
        assertEquals(
                "cannot release " + buf + ": its segment() is an argument of a C call in flight; release it once the"
                        + " call has returned",
                assertThrows(FFIException.class, () -> ffi.release(buf)).getMessage());
        libc.call("write", fd[1], "hi", 2L);
        reader.join();
        assertEquals(2L, got.get());
        assertEquals("hi", ffi.string(buf));
        ffi.release(buf);
        libc.call("close", fd[0]);
        libc.call("close", fd[1]);
    }
}

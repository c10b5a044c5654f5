package org.cffi4j.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import org.cffi4j.CData;
import org.cffi4j.FFI;
import org.cffi4j.FFIException;
import org.junit.jupiter.api.Test;

/**
 * The raw memory {@code CData.segment()} and {@code ffi.buffer} hand out for a block cffi4j owns is
 * checked by FFM against the block's release: a use after it is FFM's IllegalStateException, not a
 * use-after-free; and the segment keeps the block from the GC. (A release while the segment is in a
 * C call: {@link org.cffi4j.stress.ReleaseDuringUseTest}.)
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
}

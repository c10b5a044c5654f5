package org.cffi4j.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.cffi4j.testing.ForkedJvm;
import org.junit.jupiter.api.Test;

/**
 * A cdata passed to C stays allocated until the call returns, whoever releases it meanwhile (its
 * owner on another thread, another thread while its owner is in the call, a callback of the call
 * itself, or a raw FFM call given its segment()): C's writes land in it, not in the block allocated
 * next, and the release takes effect when the call returns (for the segment: once unreachable).
 * Likewise for an access during which user code runs (a Map initialiser) and allocates. In a forked
 * JVM: freeing under the call corrupts the C heap.
 */
class ReleaseDuringUseTest {
    @Test
    void aReleaseDuringAUseTakesEffectWhenTheUseEnds() {
        ForkedJvm.Result r = ForkedJvm.run(ReleaseDuringUseMain.class, List.of());
        assertEquals(0, r.exitCode(), r::transcript);
        String released = " after it was released (ffi.release, or its scope was closed)";
        assertEquals(
                List.of(
                        "OTHER-THREAD read=5",
                        "OTHER-THREAD other=",
                        "OTHER-THREAD after=use of <cdata 'char[4096]' owning 4096 bytes, released>" + released,
                        "OWNER-CALL read=5",
                        "OWNER-CALL other=",
                        "OWNER-CALL after=use of <cdata 'char[4096]' owning 4096 bytes, released>" + released,
                        "CALLBACK other=0",
                        "CALLBACK after=use of <cdata 'int[2048]' owning 8192 bytes, released>" + released,
                        "SEGMENT-CALL read=5",
                        "SEGMENT-CALL other=",
                        "SEGMENT-CALL after=use of <cdata 'char[4096]' owning 4096 bytes, released>" + released,
                        "SEGMENT-CALL segment=hello",
                        "INSIDE-ACCESS outcome=set",
                        "INSIDE-ACCESS other=0",
                        "INSIDE-ACCESS after=use of <cdata 'struct page *' owning 4096 bytes, released>" + released,
                        "DONE"),
                r.lines(),
                r::transcript);
    }
}

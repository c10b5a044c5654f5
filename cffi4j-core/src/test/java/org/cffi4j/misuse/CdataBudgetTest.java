package org.cffi4j.misuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cffi4j.testing.ForkedJvm;
import org.junit.jupiter.api.Test;

/**
 * The budget of a cdata once let go: no native block left allocated (counted directly, with
 * {@code -Dcffi4j.countBlocks=true}), and less than 32 bytes of Java heap each, whatever way it was
 * made (allocated, returned by value, copied from a byte[], wrapped by ffi.gc) and let go
 * (released, by a scope, dropped for the GC); blocks released by another thread than the one that
 * made them are freed at that thread's next allocation.
 */
class CdataBudgetTest {
    private static final int CDATA = 200_000;
    private static final long HEAP_BYTES_PER_CDATA = 32;

    @Test
    void cdataLetGoLeaveNoBlockAndAlmostNoHeap() {
        ForkedJvm.Result r = ForkedJvm.run(
                CdataBudgetMain.class,
                List.of("-Dcffi4j.countBlocks=true", "-XX:+UseSerialGC", "-Xmx256m"),
                Integer.toString(CDATA));
        assertEquals(0, r.exitCode(), r::transcript);
        assertTrue(r.lines().contains("BUDGET-DONE"), r::transcript);
        Map<String, Long> v = new HashMap<>();
        for (String line : r.lines()) {
            String[] w = line.split(" ");
            if (w.length == 2 && w[1].matches("-?\\d+")) {
                v.put(w[0], Long.parseLong(w[1]));
            }
        }
        System.out.printf(
                "cdata budget: %,d blocks live before, %,d after %,d cdata; %d bytes of heap each%n",
                v.get("LIVE-BASE"), v.get("LIVE-END"), CDATA, v.get("HEAP-PER-CDATA"));
        assertEquals(v.get("LIVE-BASE"), v.get("LIVE-END"), r::transcript);
        assertTrue(v.get("HEAP-PER-CDATA") < HEAP_BYTES_PER_CDATA, r::transcript);
        // Released by another thread while their owner may be using them: kept until the owner is
        // known to be outside any access, which its next allocation is.
        assertEquals(1000L, v.get("LIVE-HANDED-OVER"), r::transcript);
        assertEquals(0L, v.get("LIVE-AFTER-OWNER-ALLOC"), r::transcript);
    }
}

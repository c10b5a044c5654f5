package org.cffi4j.misuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cffi4j.testing.ForkedJvm;
import org.junit.jupiter.api.Test;

/**
 * The bounded soak test: 10 million small cdata objects allocated and dropped under GC (with some
 * released at once and some freed by scopes), then 50,000 callbacks called once and dropped or
 * released, in a forked JVM whose Java heap is fixed and touched up front, so that any growth of
 * its resident set is native memory that was not freed.
 */
class NativeMemorySoakTest {
    private static final long ALLOCATIONS = 10_000_000;
    private static final long WARM_UP = 1_000_000;
    private static final long CALLBACKS = 50_000;
    private static final long CALLBACK_WARM_UP = 10_000; // the JIT and code cache settle first
    private static final long BOUND_KB = 64 * 1024;

    @Test
    void droppedCdataAndCallbacksLeaveNativeMemoryFlat() {
        assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "needs Linux's /proc to read the resident set size");
        ForkedJvm.Result r = ForkedJvm.run(
                SoakMain.class,
                List.of("-Xms128m", "-Xmx128m", "-XX:+AlwaysPreTouch"),
                Long.toString(ALLOCATIONS),
                Long.toString(WARM_UP),
                Long.toString(CALLBACKS),
                Long.toString(CALLBACK_WARM_UP));
        assertEquals(0, r.exitCode(), r::transcript);
        assertTrue(r.lines().contains("SOAK-DONE"), r::transcript);
        Map<String, String> v = new HashMap<>();
        r.lines().forEach(l -> v.put(l.split(" ", 2)[0], l.contains(" ") ? l.split(" ", 2)[1] : ""));
        long warm = Long.parseLong(v.get("RSS-WARM"));
        long end = Long.parseLong(v.get("RSS-END"));
        long endGc = Long.parseLong(v.get("RSS-END-GC"));
        double seconds = Double.parseDouble(v.get("SECONDS"));
        System.out.printf(
                "soak: %,d allocations in %.1f s (%,.0f/s); RSS after warm-up %,d kB, at the end %,d kB,"
                        + " after a GC %,d kB, peak %s kB%n",
                ALLOCATIONS - WARM_UP, seconds, (ALLOCATIONS - WARM_UP) / seconds, warm, end, endGc, v.get("RSS-PEAK"));
        assertTrue(end - warm < BOUND_KB, () -> "native memory grew by " + (end - warm) + " kB\n" + r.transcript());
        assertTrue(
                endGc - warm < BOUND_KB,
                () -> "native memory grew by " + (endGc - warm) + " kB after a GC\n" + r.transcript());
        long cbWarm = Long.parseLong(v.get("CB-RSS-WARM"));
        long cbEnd = Long.parseLong(v.get("CB-RSS-END-GC"));
        System.out.printf(
                "soak: %,d callbacks in %.1f s; RSS after warm-up %,d kB, at the end (after a GC) %,d kB%n",
                CALLBACKS - CALLBACK_WARM_UP, Double.parseDouble(v.get("CB-SECONDS")), cbWarm, cbEnd);
        assertTrue(
                cbEnd - cbWarm < BOUND_KB,
                () -> "native memory grew by " + (cbEnd - cbWarm) + " kB with callbacks\n" + r.transcript());
    }
}

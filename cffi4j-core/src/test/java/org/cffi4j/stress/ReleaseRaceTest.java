package org.cffi4j.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cffi4j.testing.ForkedJvm;
import org.junit.jupiter.api.Test;

/**
 * Releases racing accesses: 8 threads get and set members and items of shared cdata, read their
 * strings and pass them to libc while another thread releases them and closes their scopes, 10^6
 * operations in all, in a forked JVM so that a corrupted C heap or a segmentation fault fails this
 * test instead of ending the build. Each operation must end in its correct result or in an
 * FFIException saying the memory was released, and once everything is released and collected no
 * block may be left allocated.
 */
class ReleaseRaceTest {
    private static final int WORKERS = 8;
    private static final long OPERATIONS = 1_000_000;

    @Test
    void accessesRacingReleasesEndInResultsOrFfiExceptions() {
        ForkedJvm.Result r = ForkedJvm.run(
                ReleaseRaceMain.class,
                List.of("-Xmx256m", "-Dcffi4j.countBlocks=true"),
                Integer.toString(WORKERS),
                Long.toString(OPERATIONS));
        assertEquals(0, r.exitCode(), r::transcript);
        Map<String, Long> v = new HashMap<>();
        for (String line : r.lines()) {
            String[] w = line.split(" ");
            if (w.length == 2 && w[1].matches("-?\\d+")) {
                v.put(w[0], Long.parseLong(w[1]));
            }
        }
        assertTrue(r.lines().contains("STRESS-DONE"), r::transcript);
        System.out.printf(
                "release race: %,d operations succeeded, %,d met a released cdata, %,d releases%n",
                v.get("OK"), v.get("RELEASED"), v.get("RELEASES"));
        // Both outcomes happened, or the race was not run.
        assertTrue(v.get("OK") > OPERATIONS / 10, r::transcript);
        assertTrue(v.get("RELEASED") > 0, r::transcript);
        assertEquals(0L, v.get("LIVE-BLOCKS"), r::transcript);
    }
}

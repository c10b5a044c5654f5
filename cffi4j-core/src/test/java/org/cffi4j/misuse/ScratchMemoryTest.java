package org.cffi4j.misuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cffi4j.testing.ForkedJvm;
import org.junit.jupiter.api.Test;

/**
 * A thread's scratch memory for call temporaries gives back what one huge argument needed: four
 * threads that each passed a 16M-character String as a {@code char *} (48 MB of scratch memory
 * each, at 3 bytes per character) and stay alive hold less than 32 MB more than before, not 200.
 */
class ScratchMemoryTest {
    private static final int THREADS = 4;
    private static final int LENGTH = 16 << 20;
    private static final long BOUND_KB = 32 * 1024;

    @Test
    void aHugeStringArgumentDoesNotStayWithItsThread() {
        assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "needs Linux's /proc to read the resident set size");
        ForkedJvm.Result r = ForkedJvm.run(
                ScratchMemoryMain.class,
                // Direct memory as large as any need here: past its limit the old behaviour would fail by an
                // OutOfMemoryError (and hang the threads) rather than by the bound.
                List.of("-Xms192m", "-Xmx192m", "-XX:+AlwaysPreTouch", "-XX:MaxDirectMemorySize=1g"),
                Integer.toString(THREADS),
                Integer.toString(LENGTH));
        assertEquals(0, r.exitCode(), r::transcript);
        assertEquals(
                THREADS, r.lines().stream().filter(("STRLEN " + LENGTH)::equals).count(), r::transcript);
        long before = value(r, "RSS-BEFORE");
        long waiting = value(r, "RSS-WAITING");
        System.out.printf("scratch memory: RSS %,d kB before, %,d kB with the threads waiting%n", before, waiting);
        assertTrue(
                waiting - before < BOUND_KB, () -> "the threads kept " + (waiting - before) + " kB\n" + r.transcript());
    }

    private static long value(ForkedJvm.Result r, String key) {
        return r.lines().stream()
                .filter(l -> l.startsWith(key + " "))
                .map(l -> Long.parseLong(l.substring(key.length() + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + key + "\n" + r.transcript()));
    }
}

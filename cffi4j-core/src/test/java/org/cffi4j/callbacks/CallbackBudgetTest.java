package org.cffi4j.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.cffi4j.testing.ForkedJvm;
import org.junit.jupiter.api.Test;

/**
 * The budget of a callback: while it lives it holds an upcall stub in the JVM's code cache; once
 * released or collected, the stub is freed (counted directly, in cffi4j and in the code cache) and
 * less than 100 bytes of Java heap per callback remain. Run in a forked JVM with the serial
 * collector, whose heap figures after a collection are exact.
 */
class CallbackBudgetTest {
    private static final int CALLBACKS = 2_000;

    @Test
    void releasedAndDroppedCallbacksFreeTheirStubsAndKeepNoHeap() {
        ForkedJvm.Result r = ForkedJvm.run(
                CallbackBudgetMain.class,
                List.of("-XX:+UseSerialGC", "-Xms256m", "-Xmx256m", "--add-modules", "java.management"),
                TestLibraries.library("stress").toString(),
                Integer.toString(CALLBACKS));
        assertEquals(0, r.exitCode(), r::transcript);
        String[] live = line(r, "LIVE ");
        String[] after = line(r, "AFTER ");
        assertEquals(CALLBACKS, Long.parseLong(live[1]), () -> "live stubs counted\n" + r.transcript());
        assertTrue(
                Long.parseLong(live[2]) >= CALLBACKS * 100L, () -> "the code cache holds the stubs\n" + r.transcript());
        assertEquals(0, Long.parseLong(after[1]), () -> "stubs left after release and GC\n" + r.transcript());
        assertTrue(
                Long.parseLong(after[2]) <= 64 * 1024,
                () -> "code cache bytes left after release and GC\n" + r.transcript());
        assertTrue(
                Long.parseLong(after[3]) < CALLBACKS * 100L,
                () -> "Java heap left after release and GC: " + after[3] + " bytes\n" + r.transcript());
    }

    private static String[] line(ForkedJvm.Result r, String prefix) {
        return r.lines().stream()
                .filter(l -> l.startsWith(prefix))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + prefix + "line\n" + r.transcript()))
                .split(" ");
    }
}

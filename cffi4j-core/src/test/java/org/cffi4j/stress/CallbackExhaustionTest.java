package org.cffi4j.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.cffi4j.callbacks.TestLibraries;
import org.cffi4j.testing.ForkedJvm;
import org.junit.jupiter.api.Test;

/**
 * Callbacks that overflow the stack or exhaust the heap, each in a forked JVM
 * ({@link CallbackExhaustionMain}), round after round: every round must end with C getting the
 * callback's error value and the error reported, and the JVM must live on and exit normally. Before
 * cffi4j's guard, the JDK's upcall code saw the error and the JVM aborted.
 */
class CallbackExhaustionTest {
    private static final int ROUNDS = 8;

    @Test
    void cToJavaToCRecursionEndsInTheErrorValueEveryRound() {
        for (List<String> jvm : List.of(List.<String>of(), List.of("-XX:TieredStopAtLevel=1", "-Xss512k"))) {
            ForkedJvm.Result r = run(jvm, "stack");
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < ROUNDS; i++) {
                expected.add("ROUND " + List.of("call", "invoke", "bind").get(i % 3) + " -7 1 true");
            }
            for (int i = 0; i < ROUNDS; i++) {
                expected.add("ROUND qsort -7 1 true");
            }
            expected.addAll(List.of("ALIVE 3 1000", "DONE"));
            assertEquals(expected, r.lines(), r::transcript);
        }
    }

    @Test
    void aCallbackThatFillsTheHeapGivesCTheErrorValueAndIsReportedWhenThereIsRoom() {
        ForkedJvm.Result r = run(List.of("-Xmx64m"), "heap");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            expected.addAll(List.of("ROUND heap -7", "AFTER 2"));
        }
        expected.addAll(List.of("ALIVE 3 1000", "DONE"));
        assertEquals(expected, r.lines(), r::transcript);
        long reports = r.stderr()
                .lines()
                .filter(l -> l.startsWith("From cffi4j callback 'int(*)(int)': java.lang.OutOfMemoryError"))
                .count();
        assertEquals(4, reports, r::transcript);
    }

    private static ForkedJvm.Result run(List<String> jvmOptions, String mode) {
        ForkedJvm.Result r = ForkedJvm.run(
                CallbackExhaustionMain.class,
                jvmOptions,
                TestLibraries.library("stress").toString(),
                mode,
                Integer.toString(mode.equals("heap") ? 4 : ROUNDS));
        assertEquals(0, r.exitCode(), r::transcript);
        assertTrue(r.lines().contains("DONE"), r::transcript);
        return r;
    }
}

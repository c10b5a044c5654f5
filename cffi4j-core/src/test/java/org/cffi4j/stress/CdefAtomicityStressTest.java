package org.cffi4j.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.cffi4j.testing.ForkedJvm;
import org.junit.jupiter.api.Test;

/**
 * cdef is atomic for other threads: while one thread runs cdefs that complete forward-declared
 * structs and enums and then fail, and cdefs that succeed, other threads allocating and using those
 * types see each one either incomplete (an {@link org.cffi4j.FFIException}) or exactly as the
 * successful cdef declared it, never the body of a cdef that failed ({@link CdefAtomicityMain}).
 * It runs in a forked JVM: a type whose size changed under an allocation can corrupt the C heap.
 */
class CdefAtomicityStressTest {
    @Test
    void noThreadSeesWhatAFailedCdefDeclared() {
        ForkedJvm.Result r = ForkedJvm.run(CdefAtomicityMain.class, List.of("-XX:+UseSerialGC"), "5000");

        List<String> violations =
                r.lines().stream().filter(l -> l.startsWith("VIOLATION")).toList();
        assertEquals(List.of(), violations, r::transcript);
        assertEquals(0, r.exitCode(), r::transcript);
        String done =
                r.lines().stream().filter(l -> l.startsWith("DONE")).findFirst().orElse("");
        assertTrue(done.matches("DONE \\d+ \\d+"), r::transcript);
        long attempts = Long.parseLong(done.split(" ")[2]);
        assertTrue(attempts > 2_000, () -> "too few reads to mean anything: " + attempts);
    }
}

package org.cffi4j.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.cffi4j.callbacks.TestLibraries;
import org.cffi4j.testing.ForkedJvm;
import org.junit.jupiter.api.Test;

/**
 * A library closed while other threads are inside its functions, call them, and read its globals
 * ({@link LibraryCloseMain}, in a forked JVM): each call and access must end in the right result
 * or in the closed-library error, never in a crash; a cdata over a global made before the close
 * keeps working; and the library is unloaded once nothing holds it. Before, the library was
 * unmapped under the running calls.
 */
class LibraryCloseTest {
    @Test
    void callsInFlightFinishAndLaterCallsFailWhileTheLibraryCloses() {
        ForkedJvm.Result r = ForkedJvm.run(
                LibraryCloseMain.class,
                List.of(),
                TestLibraries.library("stress").toString(),
                "20");
        assertEquals(0, r.exitCode(), r::transcript);
        assertEquals(
                List.of(
                        "bind slow_add true",
                        "bind slow_apply true",
                        "call slow_add true",
                        "closed slow_add true",
                        "closed slow_apply true",
                        "closed stress_counter true",
                        "get and set stress_counter true",
                        "invoke slow_add true",
                        "read stress_table true",
                        "UNLOADED true",
                        "DONE"),
                r.lines(),
                r::transcript);
    }
}

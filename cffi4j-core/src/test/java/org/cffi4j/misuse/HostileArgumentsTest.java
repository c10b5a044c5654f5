package org.cffi4j.misuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.cffi4j.testing.ForkedJvm;
import org.junit.jupiter.api.Test;

/**
 * Every public method of FFI, Library, CData, Scope and CFunction, called with hostile arguments by
 * {@link HostileArgumentsMain} in a forked JVM: only FFIExceptions (CDefExceptions among them) may
 * come out, never a raw JDK exception, and nothing may crash the JVM. The messages of the cases
 * this sweep found are asserted word for word in {@link PublicApiMisuseTest}.
 */
class HostileArgumentsTest {
    @Test
    void onlyFfiExceptionsComeOutOfThePublicMethods() {
        ForkedJvm.Result r = ForkedJvm.run(HostileArgumentsMain.class, List.of("-XX:TieredStopAtLevel=1"));
        List<String> escaped =
                r.lines().stream().filter(l -> l.startsWith("ESCAPED ")).toList();
        assertEquals(List.of(), escaped, "raw exceptions escaped");
        assertTrue(r.lines().contains("DONE"), () -> "the sweep did not finish\n" + r.transcript());
        assertEquals(0, r.exitCode(), r::transcript);
        long calls = r.lines().stream()
                .filter(l -> l.startsWith("CALLS "))
                .mapToLong(l -> Long.parseLong(l.substring(6)))
                .sum();
        assertTrue(calls > 10_000, "the sweep made " + calls + " calls");
    }
}

package org.cffi4j.misuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.cffi4j.testing.ForkedJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The misuse suite: every row of {@link MisuseCases} runs in a forked JVM ({@link MisuseMain}, one
 * JVM per group of cases) and must throw exactly the expected exception with exactly the expected
 * message, after which the JVM must still call C, collect garbage and exit normally.
 */
class MisuseSuiteTest {
    private static final Map<String, GroupRun> RUNS = new ConcurrentHashMap<>();

    static List<MisuseCase> cases() {
        return MisuseCases.ALL;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void misuseIsAJavaExceptionAndTheJvmLivesOn(MisuseCase c) {
        GroupRun run = RUNS.computeIfAbsent(
                c.group(),
                g -> new GroupRun(ForkedJvm.run(
                        MisuseMain.class,
                        List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"),
                        g))); // quick to start: each case is short
        GroupRun.Outcome o = run.outcomes.get(c.name());
        assertNotNull(o, () -> "the forked JVM did not reach this case\n" + run.result.transcript());
        assertTrue(
                o.thrownClass() != null || o.returned() != null,
                () -> "the forked JVM died in this case\n" + run.result.transcript());
        assertEquals(null, o.returned(), () -> "no exception: the snippet returned normally");
        assertEquals(c.thrown().getName(), o.thrownClass(), () -> "exception class; message: " + o.message());
        assertEquals(c.message(), o.message().replaceAll("0x[0-9a-f]*[1-9a-f][0-9a-f]*", "0x?")); // addresses vary
        assertTrue(o.aliveAfter(), () -> "no successful C call after the case\n" + run.result.transcript());
        assertTrue(
                run.done && run.result.exitCode() == 0,
                () -> "the JVM did not finish the group cleanly\n" + run.result.transcript());
    }

    @Test
    void theTableHasEnoughDistinctCases() {
        assertTrue(MisuseCases.ALL.size() >= 25, "at least 25 cases");
        List<String> names = MisuseCases.ALL.stream().map(MisuseCase::name).toList();
        assertEquals(names.size(), new HashSet<>(names).size(), "case names are unique");
    }
}

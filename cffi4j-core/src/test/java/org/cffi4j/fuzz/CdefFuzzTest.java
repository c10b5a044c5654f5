package org.cffi4j.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.cffi4j.CdefOptions;
import org.cffi4j.FFI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes {@link FFI#cdef(String)} against its contract: whatever the input, cdef returns or throws
 * a located {@link org.cffi4j.CDefException} (never another exception, an Error or a hang), and a
 * failed cdef leaves the FFI as it was.
 *
 * <p>The run is reproducible: {@code -Dcffi4j.fuzz.seed=N} picks another run (a nightly job can
 * pass the date), {@code -Dcffi4j.fuzz.inputs=N} its length. A failure names the seed and the
 * input's index; {@code new FuzzInputs(seed).input(index)} gives that input back.
 */
class CdefFuzzTest {
    private static final long SEED = Long.getLong("cffi4j.fuzz.seed", 20_261_125L);
    private static final int INPUTS = Integer.getInteger("cffi4j.fuzz.inputs", 100_000);
    /**
     * A hang is caught as a failure, not a CI timeout. Inputs take milliseconds; the limits leave
     * room for a cold JIT on a loaded 2-core machine, and the deep inputs are megabytes long.
     */
    private static final Duration PER_INPUT = Duration.ofSeconds(3);

    private static final Duration PER_DEEP_INPUT = Duration.ofSeconds(10);

    @Test
    void mutatedDeclarationsGiveOnlyLocatedCDefExceptions() throws InterruptedException {
        FuzzInputs inputs = new FuzzInputs(SEED);
        FuzzRun run = new FuzzRun(inputs);
        long start = System.nanoTime();
        Watchdog.run(PER_INPUT, dog -> run.run(dog, INPUTS), run::describe);
        System.out.printf(
                "cdef fuzz: seed %d, %d inputs (%d accepted, %d rejected, stdio %s) in %d ms%n",
                SEED,
                run.accepted() + run.rejected(),
                run.accepted(),
                run.rejected(),
                inputs.hasStdio() ? "included" : "unavailable",
                (System.nanoTime() - start) / 1_000_000);

        if (!run.violations().isEmpty()) {
            fail(run.violations().size() + " contract violation(s):\n\n" + String.join("\n\n", run.violations()));
        }
        assertEquals(INPUTS, run.accepted() + run.rejected());
        // A fuzzer whose inputs are all rejected (or all accepted) explores nothing.
        assertTrue(
                run.accepted() > INPUTS / 50 && run.rejected() > INPUTS / 2,
                "degenerate mutations: " + run.accepted() + " accepted, " + run.rejected() + " rejected");
        // The corpus alone passed; without <stdio.h> the run is incomplete: skipped, not passed.
        assumeTrue(
                inputs.hasStdio(),
                () -> "fuzzed without the <stdio.h> inputs: "
                        + CdefSeeds.stdio().unavailable());
    }

    static Stream<DeepInputs.Shape> shapes() {
        return DeepInputs.SHAPES.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void deepInputsGiveOnlyLocatedCDefExceptions(DeepInputs.Shape shape) throws InterruptedException {
        List<String> failures = new ArrayList<>();
        Watchdog.run(
                PER_DEEP_INPUT,
                dog -> {
                    for (int i = 0; i < DeepInputs.SIZES.length; i++) {
                        dog.begin(i);
                        String text = shape.of(DeepInputs.SIZES[i]);
                        String problem = CdefContract.run(new FFI(), text, CdefOptions.defaults())
                                .violation();
                        if (problem != null) {
                            failures.add("'" + shape.name() + "' x" + DeepInputs.SIZES[i] + ": " + problem
                                    + "\n  input: " + Abbreviation.quote(text, 300));
                        }
                    }
                },
                i -> "'" + shape.name() + "' x" + DeepInputs.SIZES[i]);
        if (!failures.isEmpty()) {
            fail(String.join("\n\n", failures));
        }
    }
}

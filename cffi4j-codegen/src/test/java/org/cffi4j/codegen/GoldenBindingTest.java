package org.cffi4j.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The generated binding the benchmarks compile against is checked in, and must be what the generator
 * makes of its cdef today: a change to the generator shows in this file's diff, reviewed like code.
 * Regenerate it with {@code -Dcffi4j.golden.update=true}.
 */
class GoldenBindingTest {
    static final Path CDEF = Path.of("../cffi4j-benchmarks/src/main/cffi/bench.cdef");
    static final Path GOLDEN =
            Path.of("../cffi4j-benchmarks/src/main/java/org/cffi4j/benchmarks/generated/BenchLib.java");

    @Test
    void theBenchmarksBindingIsWhatTheGeneratorMakesOfItsCdef() throws IOException {
        GeneratedBinding b = Generator.generate(BindingSpec.abi(
                "org.cffi4j.benchmarks.generated.BenchLib",
                List.of(new CdefSource("src/main/cffi/bench.cdef", Files.readString(CDEF))),
                List.of("bench")));
        if (Boolean.getBoolean("cffi4j.golden.update")) {
            Files.writeString(GOLDEN, b.javaSource());
        }
        assertEquals(
                Files.readString(GOLDEN),
                b.javaSource(),
                GOLDEN + " is not what the generator makes of " + CDEF + ": regenerate it (-Dcffi4j.golden.update=true)"
                        + " and review the difference");
    }
}

package org.cffi4j.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.stream.Stream;
import org.cffi4j.FFI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fuzzer's seeds are valid declarations (so that its mutations are near-misses of valid C,
 * not noise), and the lexeme splitter gives the text back.
 */
class CdefSeedsTest {

    static Stream<CdefSeeds.Seed> corpus() {
        return CdefSeeds.corpus().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void everySeedIsAcceptedNextToTheBaseDeclarations(CdefSeeds.Seed seed) {
        FFI ffi = new FFI();
        ffi.cdef(CdefSeeds.named("base declarations").text());
        ffi.cdef(seed.text());
        assertEquals(seed.text(), String.join("", Lexemes.split(seed.text())));
    }

    @Test
    void theCorpusIsVaried() {
        assertTrue(CdefSeeds.corpus().size() >= 30, "only " + CdefSeeds.corpus().size() + " seeds");
    }

    @Test
    void stdioChunksAreRedeclarationsOfStdio() {
        CdefSeeds.Stdio stdio = CdefSeeds.stdio();
        assumeTrue(stdio.available(), stdio::unavailable); // skipped, visibly, without a C compiler
        FFI ffi = new FFI();
        ffi.cdef(stdio.text());
        for (CdefSeeds.Seed chunk : stdio.chunks()) {
            ffi.cdef(chunk.text());
        }
        assertTrue(stdio.chunks().size() >= 5, stdio.chunks().size() + " chunks");
    }
}

package org.cffi4j.apimode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.cffi4j.FFI;
import org.cffi4j.SourceOptions;
import org.cffi4j.testing.GccProbe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code emitCCode} writes the C that {@code compile()} compiles: the user's source, a check per
 * function, fact arrays for the compiler to fill in, wrappers and the extern "Java" stubs.
 */
class EmitCCodeTest {
    private static final String CDEF = """
            typedef int... uLong;
            typedef struct z_stream_s { uLong total_in; ...; } z_stream;
            #define Z_OK ...
            int compress(unsigned char *dest, uLong *destLen, const unsigned char *source, uLong sourceLen);
            int deflateInit(z_stream *strm, int level);
            extern "Java" int on_event(int);
            """;

    private Path cache;

    @BeforeEach
    void emptyCache() {
        cache = TestCache.newDirectory("cffi4j-emit-test");
        System.setProperty("cffi4j.cache", cache.toString());
    }

    @AfterEach
    void sharedCache() {
        TestCache.install();
    }

    private static FFI zlib() {
        FFI ffi = new FFI();
        ffi.cdef(CDEF);
        ffi.setSource(
                "_emit_test",
                "#include <zlib.h>\nint fire(int x) { return on_event(x); }",
                SourceOptions.libraries("z"));
        return ffi;
    }

    @Test
    void theEmittedFileHasTheSourceTheChecksTheFactsAndTheWrappers() throws IOException {
        Path file = cache.resolve("emitted.c");

        zlib().emitCCode(file);

        String c = Files.readString(file);
        for (String expected : List.of(
                "#include <zlib.h>", // the user's source, as given
                "= &compress;", // the check that compress has the cdef's type
                "sizeof(uLong), ((((uLong) -1) | 0) < 0)", // typedef int... uLong (and that it is an integer)
                "(long long) ((Z_OK) | 0)", // #define Z_OK ... (an integer)
                "offsetof(struct z_stream_s, total_in)", // the partial struct
                "cffi4j_wrap_deflateInit", // a wrapper: deflateInit is a macro
                "void cffi4j_set_on_event(void *fp)")) { // extern "Java"
            assertTrue(c.contains(expected), "'" + expected + "' is not in:\n" + c);
        }
        assertEquals(0, syntaxCheck(file), c);
    }

    @Test
    void theEmittedFileIsTheOneCompiledBeforeAndAfterCompile() throws IOException {
        FFI ffi = zlib();
        Path before = cache.resolve("before.txt");
        Path after = cache.resolve("after.txt");
        ffi.emitCCode(before);

        ffi.compile();
        ffi.emitCCode(after);

        Path compiled;
        try (Stream<Path> files = Files.list(cache)) {
            compiled = files.filter(p -> p.getFileName().toString().matches("_emit_test-.*\\.c"))
                    .findFirst()
                    .orElseThrow();
        }
        assertEquals(Files.readString(compiled), Files.readString(before));
        assertEquals(Files.readString(before), Files.readString(after));
    }

    private static int syntaxCheck(Path file) {
        try {
            Process p = new ProcessBuilder(
                            GccProbe.compiler(), "-fsyntax-only", "-Werror=incompatible-pointer-types", file.toString())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals("", output.strip());
            return p.exitValue();
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}

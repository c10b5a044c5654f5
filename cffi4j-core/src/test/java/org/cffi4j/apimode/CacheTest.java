package org.cffi4j.apimode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.cffi4j.ApiModeProbe;
import org.cffi4j.FFI;
import org.cffi4j.Library;
import org.cffi4j.SourceOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The build cache: a second compile with the same inputs runs no compiler and adds no file; changing
 * one input (an option, the cdef, the source, the module name, an extra C file) compiles again.
 * Each test has its own empty cache directory, set through the {@code cffi4j.cache} property.
 */
class CacheTest {
    private static final String CDEF = "typedef int... uLong;\n#define Z_OK ...\nuLong compressBound(uLong);";

    private Path cache;

    @BeforeEach
    void emptyCache() {
        cache = TestCache.newDirectory("cffi4j-cache-test");
        System.setProperty("cffi4j.cache", cache.toString());
    }

    @AfterEach
    void sharedCache() {
        TestCache.install();
    }

    private static FFI compile(String module, String cdef, String source, SourceOptions options) {
        FFI ffi = new FFI();
        ffi.cdef(cdef);
        ffi.setSource(module, source, options);
        Library lib = ffi.compile();
        assertEquals(0, lib.get("Z_OK"));
        assertTrue((Long) lib.call("compressBound", 1000L) >= 1000L);
        return ffi;
    }

    private static FFI zlib(SourceOptions options) {
        return compile("_cache_test", CDEF, "#include <zlib.h>", options);
    }

    private long modules() {
        try (Stream<Path> files = Files.list(cache)) {
            return files.filter(p -> p.toString().endsWith(".so")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theSameInputsCompileOnce() {
        assertTrue(ApiModeProbe.lastCompileCompiled(zlib(SourceOptions.libraries("z"))));
        assertEquals(1, modules());

        assertFalse(ApiModeProbe.lastCompileCompiled(zlib(SourceOptions.libraries("z"))));
        assertFalse(ApiModeProbe.lastCompileCompiled(zlib(SourceOptions.libraries("z"))));
        assertEquals(1, modules());
    }

    @Test
    void compilingTheSameFfiAgainUsesTheCache() {
        FFI ffi = zlib(SourceOptions.libraries("z"));
        ffi.compile();
        assertFalse(ApiModeProbe.lastCompileCompiled(ffi));
        assertEquals(1, modules());
    }

    @Test
    void changingOneOptionCompilesAgain() {
        zlib(SourceOptions.libraries("z"));

        assertTrue(ApiModeProbe.lastCompileCompiled(
                zlib(SourceOptions.libraries("z").withDefineMacros("UNUSED_MACRO=1"))));
        assertEquals(2, modules());
        assertFalse(ApiModeProbe.lastCompileCompiled(
                zlib(SourceOptions.libraries("z").withDefineMacros("UNUSED_MACRO=1"))));
        assertEquals(2, modules());
    }

    @Test
    void changingTheCdefTheSourceOrTheModuleNameCompilesAgain() {
        SourceOptions z = SourceOptions.libraries("z");
        compile("_cache_test", CDEF, "#include <zlib.h>", z);

        assertTrue(ApiModeProbe.lastCompileCompiled(
                compile("_cache_test", CDEF + "\n#define Z_FINISH ...", "#include <zlib.h>", z)));
        assertTrue(ApiModeProbe.lastCompileCompiled(compile("_cache_test", CDEF, "#include <zlib.h>\n", z)));
        assertTrue(ApiModeProbe.lastCompileCompiled(compile("_cache_test_2", CDEF, "#include <zlib.h>", z)));
        assertEquals(4, modules());
    }

    @Test
    void changingAnExtraSourceFileCompilesAgain() throws IOException {
        Path extra = Files.createTempFile(cache, "extra", ".c");
        SourceOptions options = SourceOptions.libraries("z").withSources(extra.toString());
        Files.writeString(extra, "int extra_value(void) { return 1; }\n");
        zlib(options);

        Files.writeString(extra, "int extra_value(void) { return 2; }\n");

        assertTrue(ApiModeProbe.lastCompileCompiled(zlib(options)));
    }
}

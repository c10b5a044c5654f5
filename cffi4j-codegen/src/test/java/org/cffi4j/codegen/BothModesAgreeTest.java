package org.cffi4j.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.List;
import org.cffi4j.FFI;
import org.cffi4j.Library;
import org.cffi4j.SourceOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's libraries (libc, libm, zlib, sqlite3) called through a binding generated in ABI mode,
 * one generated in API mode, and the runtime's Library: the three give C's results.
 */
class BothModesAgreeTest {
    static final String CDEF = """
            size_t strlen(const char *s);
            int abs(int j);
            double cos(double x);
            double pow(double x, double y);
            unsigned long crc32(unsigned long crc, const unsigned char *buf, unsigned int len);
            unsigned long compressBound(unsigned long sourceLen);
            int sqlite3_libversion_number(void);
            const char *sqlite3_libversion(void);
            """;
    static final String SOURCE = "#include <string.h>\n#include <stdlib.h>\n#include <math.h>\n#include <zlib.h>\n"
            + "#include <sqlite3.h>\n";
    static final List<String> LIBRARIES = List.of("m", "z", "sqlite3");

    @TempDir
    static Path dir;

    static Class<?> abi;
    static Class<?> api;
    static Library runtime;
    static FFI ffi;

    @BeforeAll
    static void generate() throws Exception {
        System.setProperty("cffi4j.cache", dir.resolve("cache").toString());
        GeneratedBinding a = Generator.generate(
                BindingSpec.abi("org.example.abi.Demo", List.of(new CdefSource("demo.cdef", CDEF)), LIBRARIES));
        GeneratedBinding p = Generator.generate(
                BindingSpec.api("org.example.api.Demo", List.of(new CdefSource("demo.cdef", CDEF)), SOURCE, LIBRARIES));
        ClassLoader loader = Compiled.load(dir.resolve("out"), a, p);
        abi = Class.forName("org.example.abi.Demo", true, loader);
        api = Class.forName("org.example.api.Demo", true, loader);
        ffi = new FFI();
        ffi.cdef(CDEF);
        ffi.setSource("_both_modes_demo", SOURCE, SourceOptions.libraries("m", "z", "sqlite3"));
        runtime = ffi.compile();
    }

    static Object call(Class<?> binding, String name, Object... args) throws Throwable {
        return Compiled.invoke(binding, name, args);
    }

    void agree(Object viaLibrary, String name, Object... args) throws Throwable {
        assertEquals(viaLibrary, call(abi, name, args), "ABI mode: " + name);
        assertEquals(viaLibrary, call(api, name, args), "API mode: " + name);
    }

    @Test
    void libcLibmZlibAndSqliteGiveTheSameResultsEveryWay() throws Throwable {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment text = arena.allocateFrom("123456789");
            agree(runtime.call("strlen", "123456789"), "strlen", text);
            agree(runtime.call("abs", -42), "abs", -42);
            agree(runtime.call("cos", 0.5), "cos", 0.5);
            agree(runtime.call("pow", 2.0, 0.5), "pow", 2.0, 0.5);
            agree(runtime.call("crc32", 0L, "123456789".getBytes(), 9), "crc32", 0L, text, 9);
            agree(runtime.call("compressBound", 1000L), "compressBound", 1000L);
            agree(runtime.call("sqlite3_libversion_number"), "sqlite3_libversion_number");
            String version = ffi.string((org.cffi4j.CData) runtime.call("sqlite3_libversion"));
            assertEquals(
                    version,
                    ((MemorySegment) call(abi, "sqlite3_libversion"))
                            .reinterpret(64)
                            .getString(0));
            assertEquals(
                    version,
                    ((MemorySegment) call(api, "sqlite3_libversion"))
                            .reinterpret(64)
                            .getString(0));
        }
    }
}

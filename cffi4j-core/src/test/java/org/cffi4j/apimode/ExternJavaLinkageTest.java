package org.cffi4j.apimode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cffi4j.FFI;
import org.cffi4j.Library;
import org.cffi4j.SourceOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The linkage of {@code extern "Java"} functions, as CFFI's {@code extern "Python"}: static, so a
 * source written for CFFI that declares them {@code static} (as CFFI asks) compiles; {@code extern
 * "Java+C"} (CFFI's {@code "Python+C"}) is not static, so another C file of the module calls it
 * too. A function whose types are typedef names of the headers is declared by the source itself.
 */
class ExternJavaLinkageTest {
    /** The Java side of {@code int on_value(int)}. */
    public interface IntOp {
        int apply(int x);
    }

    /** The Java side of {@code long on_size(size_t)}: size_t is a long. */
    public interface SizeOp {
        long apply(long x);
    }

    @BeforeAll
    static void cache() {
        TestCache.install();
    }

    @Test
    void aSourceWrittenForCffiDeclaresTheJavaFunctionStatic() {
        FFI ffi = new FFI();
        ffi.cdef("extern \"Java\" int on_value(int);\nint call_it(int x);");
        ffi.setSource("_extern_java_static", """
                static int on_value(int);   /* as CFFI asks of a source using extern "Python" */
                int call_it(int x) { return on_value(x) + 1; }
                """);
        Library lib = ffi.compile();
        lib.defExtern("on_value", (IntOp) x -> x * 3);

        assertEquals(31, lib.call("call_it", 10));
    }

    @Test
    void javaPlusCIsCalledFromAnotherCFileOfTheModule() throws IOException {
        Path other = Files.createTempFile(TestCache.install(), "other", ".c");
        Files.writeString(other, "int on_value(int);\nint from_other_file(int x) { return on_value(x) * 2; }\n");
        FFI ffi = new FFI();
        ffi.cdef("extern \"Java+C\" int on_value(int);\nint from_other_file(int x);");
        ffi.setSource(
                "_extern_java_plus_c",
                "int from_other_file(int x);",
                SourceOptions.none().withSources(other.toString()));
        Library lib = ffi.compile();
        lib.defExtern("on_value", (IntOp) x -> x + 100);

        assertEquals(220, lib.call("from_other_file", 10));
    }

    @Test
    void aFunctionOfTypedefNamesIsDeclaredByTheSource() {
        FFI ffi = new FFI();
        ffi.cdef("extern \"Java\" size_t on_size(size_t);\nsize_t call_size(size_t n);");
        ffi.setSource("_extern_java_typedef_names", """
                #include <stddef.h>
                static size_t on_size(size_t);
                size_t call_size(size_t n) { return on_size(n) + 1; }
                """);
        Library lib = ffi.compile();
        lib.defExtern("on_size", (SizeOp) n -> n * 2);

        assertEquals(9L, lib.call("call_size", 4L));
    }
}

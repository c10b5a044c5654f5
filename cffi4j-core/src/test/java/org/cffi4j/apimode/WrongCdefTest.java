package org.cffi4j.apimode;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cffi4j.CompilationException;
import org.cffi4j.FFI;
import org.cffi4j.FFIException;
import org.cffi4j.SourceOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A cdef that does not match the real headers fails at {@code compile()}, never later at a call: the
 * message names the cdef line, the cdef's declaration and the header's, with the compiler's text.
 */
class WrongCdefTest {
    @BeforeAll
    static void cache() {
        TestCache.install();
    }

    private static FFI zlib(String cdef) {
        FFI ffi = new FFI();
        ffi.cdef(cdef);
        ffi.setSource("_wrong_cdef", "#include <zlib.h>", SourceOptions.libraries("z"));
        return ffi;
    }

    private static void assertContains(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), "'" + part + "' is not in:\n" + message);
        }
    }

    @Test
    void aWrongFunctionDeclarationNamesTheCdefLineAndBothDeclarations() {
        FFI ffi = zlib("""
                typedef int... uLong;
                #define Z_OK ...
                int compress(char *dest, long destLen);
                """);

        CompilationException e = assertThrows(CompilationException.class, ffi::compile);

        assertContains(
                e.getMessage(),
                "cdef:3:",
                "'compress'",
                "'int compress(char *, long)'",
                "int (*)(Bytef *, uLongf *, const Bytef *, uLong)");
        assertContains(e.compilerOutput(), "error:", "compress");
        // Nothing of the failed compile is kept: Z_OK is still known only to API mode.
        assertContains(
                assertThrows(FFIException.class, () -> ffi.integerConst("Z_OK")).getMessage(), "API mode");
    }

    @Test
    void aFunctionTheHeadersDoNotDeclare() {
        CompilationException e = assertThrows(
                CompilationException.class,
                () -> zlib("int zlib_has_no_such_function(int);").compile());
        assertContains(e.getMessage(), "cdef:1:", "'zlib_has_no_such_function'", "undeclared");
    }

    @Test
    void aConstantTheHeadersDoNotDefine() {
        CompilationException e = assertThrows(
                CompilationException.class,
                () -> zlib("#define Z_OK ...\n#define Z_NO_SUCH_CONSTANT ...").compile());
        assertContains(e.getMessage(), "cdef:2:", "'Z_NO_SUCH_CONSTANT'");
    }

    @Test
    void aConstantWithAnotherValueNamesBothValues() {
        FFIException e = assertThrows(
                FFIException.class, () -> zlib("#define Z_STREAM_END 7").compile());
        assertContains(e.getMessage(), "'Z_STREAM_END'", "7 in the cdef", "1 in the C source");
    }

    @Test
    void aPartialStructMemberTheRealStructLacks() {
        CompilationException e = assertThrows(
                CompilationException.class,
                () -> zlib("typedef struct z_stream_s { int no_such_member; ...; } z_stream;")
                        .compile());
        assertContains(e.getMessage(), "no_such_member");
    }

    @Test
    void anErrorInTheModulesOwnSourceIsLocatedThere() {
        FFI ffi = new FFI();
        ffi.cdef("int twice(int);");
        ffi.setSource("_broken_source", "int twice(int x) {\n    return 2 * x\n}");

        CompilationException e = assertThrows(CompilationException.class, ffi::compile);

        assertContains(e.getMessage(), "_broken_source.c:2:", "expected ';'");
    }
}

package org.cffi4j.apimode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.cffi4j.FFI;
import org.cffi4j.FFIException;
import org.cffi4j.testing.ForkedJvm;
import org.junit.jupiter.api.Test;

/** What {@code compile()} says when it cannot start: no source set, a bad module name, no C compiler. */
class SetupErrorsTest {
    @Test
    void compileAndEmitWithoutSetSource() {
        FFI ffi = new FFI();
        ffi.cdef("int abs(int);");

        FFIException compile = assertThrows(FFIException.class, ffi::compile);
        FFIException emit = assertThrows(FFIException.class, () -> ffi.emitCCode(Path.of("unused.c")));

        assertEquals("call ffi.setSource(moduleName, cSource) before ffi.compile()", compile.getMessage());
        assertTrue(emit.getMessage().contains("ffi.setSource"), emit.getMessage());
    }

    @Test
    void theModuleNameMustBeACIdentifier() {
        FFI ffi = new FFI();
        for (String bad : new String[] {"", "1abc", "my-module", "../escape"}) {
            FFIException e = assertThrows(FFIException.class, () -> ffi.setSource(bad, "#include <stdlib.h>"));
            assertTrue(e.getMessage().contains("C identifier"), e.getMessage());
        }
    }

    @Test
    void withoutACompilerTheErrorSaysHowToInstallOne() {
        Path cache = TestCache.newDirectory("cffi4j-no-cc");
        ForkedJvm.Result r = ForkedJvm.run(
                CompileWithoutCompilerMain.class, Map.of("CC", "/nonexistent/cc"), List.of("-Dcffi4j.cache=" + cache));

        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("FFIException: no C compiler found ('/nonexistent/cc')"), r.output());
        assertTrue(r.output().contains("apt-get install gcc") && r.output().contains("set CC"), r.output());
    }
}

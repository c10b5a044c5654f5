package org.cffi4j.apimode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.cffi4j.FFI;
import org.cffi4j.Library;
import org.cffi4j.SourceOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each option of {@link SourceOptions} reaches the compiler; relative directories and files are
 * relative to the working directory, as on a command line, though the compiler runs elsewhere.
 */
class SourceOptionsTest {
    @BeforeAll
    static void cache() {
        TestCache.install();
    }

    private static String relative(String path) {
        return Path.of("").toAbsolutePath().relativize(Path.of(path)).toString();
    }

    @Test
    void relativeIncludeDirectoriesAndSourcesWithMacrosAndExtraArguments() {
        String headers = relative(TestHeaders.directory());
        FFI ffi = new FFI();
        ffi.cdef("int extra_answer(void);\nint SQUARE(int);\n#define EXTRA_OFFSET ...\n#define FROM_COMPILE_ARGS ...");
        // The source declares what the extra file defines, as any C file using it would.
        ffi.setSource(
                "_source_options",
                "#include \"apimode_demo.h\"\nint extra_answer(void);",
                SourceOptions.none()
                        .withIncludeDirs(headers)
                        .withSources(Path.of(headers, "apimode_extra.c").toString())
                        .withDefineMacros("EXTRA_OFFSET=6")
                        .withExtraCompileArgs("-DFROM_COMPILE_ARGS=17", "-std=gnu11")
                        .withExtraLinkArgs("-Wl,-O1")
                        .withLibraryDirs(headers));

        Library lib = ffi.compile();

        assertEquals(42, lib.call("extra_answer"));
        assertEquals(6, lib.get("EXTRA_OFFSET"));
        assertEquals(17, lib.get("FROM_COMPILE_ARGS"));
        assertEquals(81, lib.call("SQUARE", 9));
    }
}

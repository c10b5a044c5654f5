package org.cffi4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cffi4j.codegen.BindingSpec;
import org.cffi4j.codegen.CdefSource;
import org.cffi4j.codegen.GeneratedBinding;
import org.cffi4j.codegen.Generator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cffi4j generate} through the ToolProvider does what the generator's Java API does with the
 * same options: writes the source file and the resources it returns.
 */
class GenerateTest {
    @TempDir
    Path dir;

    @Test
    void abiModeWritesTheGeneratorsSource() throws IOException {
        Path cdef = Files.writeString(
                dir.resolve("zlib.cdef"),
                "unsigned long crc32(unsigned long crc, const unsigned char *buf, unsigned int len);\n");
        Path out = dir.resolve("out");
        BindingSpec spec = BindingSpec.abi("org.example.Zlib", List.of(CdefSource.read(cdef)), List.of("z"));

        Cli.Result r = Cli.run(
                "generate",
                "--cdef",
                cdef.toString(),
                "--class",
                "org.example.Zlib",
                "--out",
                out.toString(),
                "--library",
                "z");

        GeneratedBinding expected = Generator.generate(spec);
        Path java = out.resolve("org/example/Zlib.java");
        // --resources-out defaults to --out: the cdef for ffi() lands beside the source
        Path cdefResource = out.resolve("META-INF/cffi4j/cdef/org.example.Zlib.cdef");
        assertEquals("wrote " + java + "\nwrote " + cdefResource + "\n", r.out());
        assertEquals(expected.javaSource(), Files.readString(java));
        assertEquals(0, r.exitCode(), r.err());
    }

    @Test
    void apiModeWritesTheGeneratorsSourceAndResources() throws IOException {
        Path cdef = Files.writeString(dir.resolve("zlib.cdef"), "const char *zlibVersion(void);\n#define Z_OK ...\n");
        Path out = dir.resolve("java");
        Path resources = dir.resolve("resources");
        BindingSpec spec = BindingSpec.api(
                        "org.example.Zlib", List.of(CdefSource.read(cdef)), "#include <zlib.h>", List.of("z"))
                .withIncludeDirs(List.of(dir.toString()))
                .withCompilerFlags(List.of("-DNDEBUG"));

        Cli.Result r = Cli.run(
                "generate",
                "--cdef",
                cdef.toString(),
                "--class",
                "org.example.Zlib",
                "--out",
                out.toString(),
                "--library",
                "z",
                "--source",
                "#include <zlib.h>",
                "-I",
                dir.toString(),
                "--cflag=-DNDEBUG",
                "--resources-out",
                resources.toString());

        GeneratedBinding expected = Generator.generate(spec);
        assertEquals(2, expected.resources().size(), "the cdef and the glue library");
        Path java = out.resolve("org/example/Zlib.java");
        StringBuilder wrote = new StringBuilder("wrote " + java + "\n");
        expected.resources().keySet().stream()
                .sorted()
                .forEach(
                        k -> wrote.append("wrote ").append(resources.resolve(k)).append('\n'));
        assertEquals(wrote.toString(), r.out());
        assertEquals(expected.javaSource(), Files.readString(java));
        for (String resource : expected.resources().keySet()) {
            assertEquals(true, Files.size(resources.resolve(resource)) > 0, resource);
        }
        assertEquals(0, r.exitCode(), r.err());
    }
}

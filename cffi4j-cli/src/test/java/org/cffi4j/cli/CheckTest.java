package org.cffi4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cffi4j check} against zlib's real header: each mismatching declaration at its cdef line. */
class CheckTest {
    @TempDir
    Path dir;

    @Test
    void everyMismatchingFunctionIsReportedAtItsCdefLine() throws IOException {
        Path cdef = Files.writeString(dir.resolve("zlib.cdef"), """
                unsigned long crc32(unsigned long crc, const unsigned char *buf, unsigned int len);
                int compress(unsigned char *dest, unsigned long *destLen,
                             const unsigned char *source, int sourceLen);
                double zlibVersion(void);
                """);
        Cli.Result r = Cli.run("check", "--cdef", cdef.toString(), "--source", "#include <zlib.h>", "--library", "z");

        assertEquals(1, r.exitCode());
        assertEquals("", r.out());
        List<String> findings =
                r.err().lines().filter(line -> !line.startsWith("    ")).toList();
        assertEquals(
                List.of(
                        "cffi4j check: the C compiler rejected the cdef or the C source:",
                        cdef + ":2:5: 'compress' is declared 'int compress(unsigned char *, unsigned long *, const"
                                + " unsigned char *, int)' in the cdef, but the C source (its headers) declares it"
                                + " otherwise, or not at all:",
                        cdef + ":4:8: 'zlibVersion' is declared 'double zlibVersion(void)' in the cdef, but the C"
                                + " source (its headers) declares it otherwise, or not at all:"),
                findings);
    }

    @Test
    void aCdefThatAgreesWithTheHeadersPassesQuietly() throws IOException {
        Path cdef = Files.writeString(dir.resolve("zlib.cdef"), """
                typedef struct z_stream_s z_stream;
                unsigned long crc32(unsigned long crc, const unsigned char *buf, unsigned int len);
                const char *zlibVersion(void);
                #define Z_OK ...
                """);
        Cli.Result r = Cli.run("check", "--cdef", cdef.toString(), "--source", "#include <zlib.h>", "--library", "z");

        assertEquals("", r.err());
        assertEquals(cdef + ": no mismatch with the C source\n", r.out());
        assertEquals(0, r.exitCode());
    }
}

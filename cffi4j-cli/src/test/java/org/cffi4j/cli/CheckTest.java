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

    // The layout agrees (8 bytes at offset 8 either way): only the member's type tells them apart.
    @Test
    void aStructMemberOfAnotherTypeIsReportedAtItsStruct() throws IOException {
        Path cdef = Files.writeString(dir.resolve("time.cdef"), """
                struct timespec { long tv_sec; double tv_nsec; };
                """);
        Cli.Result r = Cli.run("check", "--cdef", cdef.toString(), "--source", "#include <time.h>");

        assertEquals(1, r.exitCode());
        assertEquals(
                List.of(
                        "cffi4j check: the C compiler rejected the cdef or the C source:",
                        cdef + ":1:8: member 'tv_nsec' of 'struct timespec' has another type in the cdef than in the C"
                                + " source (fix the cdef's member type):",
                        "    static assertion failed: \"the cdef says double\""),
                r.err().lines().toList());
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

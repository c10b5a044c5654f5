package org.cffi4j.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * zlib and a C source in API mode: the compiler runs at generation, the glue library (a macro's
 * wrapper, a static function, the bitfields C reads back) is packed as a resource, and the program
 * runs where there is no compiler and the cache is empty.
 */
class GeneratedApiTest {
    static final String CDEF = """
            typedef int... uLong;
            typedef int... uInt;
            typedef unsigned char Bytef;
            typedef struct z_stream_s {
                uLong total_out;
                Bytef *next_out;
                uInt avail_out;
                Bytef *next_in;
                uInt avail_in;
                uLong total_in;
                char *msg;
                ...;
            } z_stream;
            #define Z_OK ...
            #define Z_STREAM_END ...
            #define Z_FINISH ...
            #define Z_NO_FLUSH ...
            uLong crc32(uLong crc, const Bytef *buf, uInt len);
            int deflateInit(z_stream *strm, int level);
            int deflate(z_stream *strm, int flush);
            int deflateEnd(z_stream *strm);
            int inflateInit(z_stream *strm);
            int inflate(z_stream *strm, int flush);
            int inflateEnd(z_stream *strm);
            struct bits { unsigned a : 3; int b : 5; char c; long d : 40; _Bool e : 1; };
            long read_bits(struct bits *b);
            """;

    static final String SOURCE = """
            #include <zlib.h>
            struct bits { unsigned a : 3; int b : 5; char c; long d : 40; _Bool e : 1; };
            static long read_bits(struct bits *b) {
                return b->a * 1000000000000L + (b->b + 16) * 10000000000L + b->c * 100000000L + b->d * 10 + b->e;
            }
            """;

    // Deflates and inflates 1 MB through the generated z_stream view; crc32 checks the round trip.
    static final String MAIN = """
            package org.example;

            import java.lang.foreign.Arena;
            import java.lang.foreign.MemorySegment;

            public final class ZMain {
                public static void main(String[] args) {
                    int n = 1 << 20;
                    try (Arena arena = Arena.ofConfined()) {
                        MemorySegment input = arena.allocate(n);
                        for (int i = 0; i < n; i++) {
                            input.set(java.lang.foreign.ValueLayout.JAVA_BYTE, i, (byte) ("cffi4j " + i % 97).charAt(i % 7));
                        }
                        MemorySegment packed = arena.allocate(n + 1024);
                        Z.z_stream s = Z.z_stream.allocate(arena);
                        check(Z.deflateInit(s.segment(), 6) == Z.Z_OK, "deflateInit");
                        s.next_in(input).avail_in(n).next_out(packed).avail_out((int) packed.byteSize());
                        check(Z.deflate(s.segment(), Z.Z_FINISH) == Z.Z_STREAM_END, "deflate");
                        long packedSize = s.total_out();
                        check(Z.deflateEnd(s.segment()) == Z.Z_OK, "deflateEnd");
                        MemorySegment output = arena.allocate(n);
                        Z.z_stream t = Z.z_stream.allocate(arena);
                        check(Z.inflateInit(t.segment()) == Z.Z_OK, "inflateInit");
                        t.next_in(packed).avail_in((int) packedSize).next_out(output).avail_out(n);
                        check(Z.inflate(t.segment(), Z.Z_FINISH) == Z.Z_STREAM_END, "inflate");
                        check(t.total_out() == n, "inflated size");
                        Z.inflateEnd(t.segment());
                        long crcIn = Z.crc32(0, input, n);
                        long crcOut = Z.crc32(0, output, n);
                        check(crcIn == crcOut, "crc32");
                        Z.struct_bits b = Z.struct_bits.allocate(arena).a(5).b(-9).c((byte) 3).d(-123456789L).e(true);
                        System.out.println("packed " + packedSize + " crc " + Long.toHexString(crcIn) + " bits "
                                + Z.read_bits(b.segment()));
                    }
                }

                private static void check(boolean ok, String what) {
                    if (!ok) {
                        throw new AssertionError(what);
                    }
                }
            }
            """;

    @TempDir
    static Path dir;

    static GeneratedBinding binding;

    @BeforeAll
    static void generate() {
        System.setProperty("cffi4j.cache", dir.resolve("build-cache").toString());
        binding = Generator.generate(
                BindingSpec.api("org.example.Z", List.of(new CdefSource("zlib.cdef", CDEF)), SOURCE, List.of("z")));
    }

    @Test
    void theGlueLibraryIsPackedForThisPlatformNamedByItsHash() {
        List<String> natives = binding.resources().keySet().stream()
                .filter(r -> r.startsWith("META-INF/cffi4j/native/"))
                .toList();
        assertEquals(1, natives.size(), binding.resources().keySet().toString());
        String resource = natives.getFirst();
        assertTrue(binding.resources().containsKey("META-INF/cffi4j/cdef/org.example.Z.cdef"));
        assertTrue(resource.matches("META-INF/cffi4j/native/linux-(amd64|aarch64)/libz-[0-9a-f]{32}\\.so"), resource);
        assertTrue(binding.javaSource().contains("BindingLibraries.openPacked(Z.class, \"libz-"));
    }

    @Test
    void theProgramRunsWithoutACompilerAndWithAnEmptyCache() throws Exception {
        Compiled.load(
                dir.resolve("out"), binding, new GeneratedBinding("org.example.ZMain", MAIN, Map.of(), List.of()));
        Path emptyCache = Files.createDirectories(dir.resolve("empty-cache"));
        String javaCommand =
                Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(
                javaCommand,
                "--enable-native-access=ALL-UNNAMED",
                "-Dcffi4j.cache=" + emptyCache,
                "-cp",
                dir.resolve("out/classes") + java.io.File.pathSeparator + Compiled.runtimeClassPath(),
                "org.example.ZMain"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("PATH", dir.resolve("no-such-bin").toString());
        pb.environment().remove("CC");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        // a 5, b -9 (+16 = 7), c 3, d -123456789, e 1: what C reads is what the setters wrote
        long bits = 5 * 1000000000000L + 7 * 10000000000L + 3 * 100000000L - 123456789L * 10 + 1;
        assertTrue(out.contains(" bits " + bits + "\n"), out);
        try (var entries = Files.list(emptyCache)) {
            assertEquals(0, entries.count(), "the run wrote in the cache directory");
        }
    }
}

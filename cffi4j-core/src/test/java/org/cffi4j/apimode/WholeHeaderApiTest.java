package org.cffi4j.apimode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.cffi4j.CData;
import org.cffi4j.FFI;
import org.cffi4j.FFIException;
import org.cffi4j.Library;
import org.cffi4j.SourceOptions;
import org.cffi4j.testing.GccProbe;
import org.cffi4j.testing.StdErr;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * API mode on whole real headers: the {@code cc -E} output of a header as the cdef, {@code #include}
 * of the header as the source, {@code compile()}; every header the test suite parses compiles,
 * loads, and a few of its functions are called (the C library, and Java, as the oracles). Among
 * them the declarations whose qualifiers a typedef carries ({@code pthread_spinlock_t} is {@code
 * volatile int}; {@code const uuid_t *}; {@code char *restrict *restrict} in gpg-error.h) and
 * functions that the headers declare but no linked library defines ({@code crypt}, {@code
 * __fmax}, {@code bindresvport6}, {@code sqlite3_snapshot_free}): the module loads, and a call of
 * one fails naming it.
 */
class WholeHeaderApiTest {
    @BeforeAll
    static void cache() {
        TestCache.install();
    }

    private record Header(String name, List<String> libraries, BiConsumer<FFI, Library> calls) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> headers() {
        return Stream.of(
                        new Header("stdio.h", List.of(), WholeHeaderApiTest::stdio),
                        new Header("stdlib.h", List.of(), (ffi, lib) -> {
                            assertEquals(5, lib.call("abs", -5));
                            assertEquals(123, lib.call("atoi", "123"));
                        }),
                        new Header("string.h", List.of(), (ffi, lib) -> {
                            assertEquals(5L, lib.call("strlen", "hello"));
                            assertTrue((Integer) lib.call("strcmp", "a", "b") < 0);
                        }),
                        new Header("math.h", List.of("m"), WholeHeaderApiTest::math),
                        new Header("time.h", List.of(), (ffi, lib) -> {
                            assertEquals(6.0, lib.call("difftime", 10L, 4L));
                            assertTrue((Long) lib.call("time", FFI.NULL) > 1_600_000_000L);
                        }),
                        new Header("signal.h", List.of(), WholeHeaderApiTest::signal),
                        new Header("pthread.h", List.of("pthread"), WholeHeaderApiTest::pthread),
                        new Header("sys/socket.h", List.of(), WholeHeaderApiTest::socket),
                        new Header("sys/stat.h", List.of(), (ffi, lib) -> {
                            CData st = ffi.alloc("struct stat *");
                            assertEquals(0, lib.call("stat", "/", st));
                            assertEquals(0040000, ((Number) st.get("st_mode")).intValue() & 0170000);
                        }),
                        new Header("netinet/in.h", List.of(), (ffi, lib) -> {
                            assertEquals(0x3412, lib.call("htons", 0x1234)); // a macro under -O2: its wrapper
                            assertEquals(0x78563412L, lib.call("htonl", 0x12345678));
                        }),
                        new Header("dirent.h", List.of(), (ffi, lib) -> {
                            CData dir = (CData) lib.call("opendir", "/");
                            assertFalse(dir.isNull());
                            assertFalse(((CData) lib.call("readdir", dir)).isNull());
                            assertEquals(0, lib.call("closedir", dir));
                        }),
                        new Header("zlib.h", List.of("z"), WholeHeaderApiTest::zlib),
                        new Header("sqlite3.h", List.of("sqlite3"), WholeHeaderApiTest::sqlite3),
                        new Header("png.h", List.of("png"), (ffi, lib) -> {
                            assertTrue((Long) lib.call("png_access_version_number") >= 10000);
                        }),
                        new Header("ffi.h", List.of("ffi"), (ffi, lib) -> {
                            CData sint32 = (CData) lib.addressOf("ffi_type_sint32");
                            assertEquals(4L, ((CData) sint32.deref()).get("size"));
                        }),
                        new Header("openssl/evp.h", List.of("crypto"), (ffi, lib) -> {
                            assertEquals(32, lib.call("EVP_MD_get_size", lib.call("EVP_sha256")));
                        }),
                        new Header("openssl/ssl.h", List.of("ssl", "crypto"), (ffi, lib) -> {
                            assertEquals(1, lib.call("OPENSSL_init_ssl", 0L, FFI.NULL));
                            assertFalse(((CData) lib.call("TLS_method")).isNull());
                        }),
                        new Header("curl/curl.h", List.of("curl"), (ffi, lib) -> {
                            assertTrue(
                                    ffi.string((CData) lib.call("curl_version")).startsWith("libcurl/"));
                        }),
                        new Header("unistd.h", List.of(), WholeHeaderApiTest::unistd),
                        new Header("arpa/inet.h", List.of(), (ffi, lib) -> {
                            assertEquals(0x04030201L, lib.call("inet_addr", "1.2.3.4"));
                        }),
                        new Header("fcntl.h", List.of(), (ffi, lib) -> {
                            int fd = (Integer) lib.call("open", "/dev/null", 0);
                            assertTrue(fd >= 0);
                            assertEquals(0, lib.call("fcntl", fd, 2, 1)); // F_SETFD FD_CLOEXEC
                            assertEquals(1, lib.call("fcntl", fd, 1)); // F_GETFD
                        }),
                        new Header("netdb.h", List.of(), WholeHeaderApiTest::netdb),
                        new Header("uuid/uuid.h", List.of("uuid"), WholeHeaderApiTest::uuid),
                        new Header("gpg-error.h", List.of("gpg-error"), (ffi, lib) -> {
                            assertEquals("Success", ffi.string((CData) lib.call("gpg_strerror", 0)));
                        }))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("headers")
    void theWholeHeaderCompilesLoadsAndItsFunctionsAreCalled(Header h) {
        FFI[] compiled = new FFI[1];
        String report = StdErr.capture(() -> compiled[0] = compileWhole(h.name(), h.libraries()));
        FFI ffi = compiled[0];
        Library lib = ffi.compile(); // the module compiled once: now from the cache
        reportedFunctionsAreMissing(report, "_whole_" + h.name().replaceAll("[^A-Za-z0-9]", "_"), lib);
        h.calls().accept(ffi, lib);
    }

    // The report of the functions no library defines (printed for the user, once per module and
    // process) names exactly functions whose use then fails, each with its own message.
    private static void reportedFunctionsAreMissing(String report, String module, Library lib) {
        if (report.isEmpty()) {
            return; // nothing missing, or already reported by another test of this process
        }
        String prefix = "cffi4j: module '" + module + "': ";
        assertTrue(
                report.startsWith(prefix)
                        && report.endsWith("\n")
                        && report.lines().count() == 1,
                report);
        String[] names = report.substring(report.indexOf("): ") + 3).strip().split(", ");
        String count = names.length == 1 ? "1 declared function is" : names.length + " declared functions are";
        assertTrue(report.startsWith(prefix + count + " defined by none of its libraries"), report);
        for (String name : names) {
            assertEquals(
                    "function '" + name + "' is not in '" + module + "' or its libraries: the C source declares it,"
                            + " but none of the libraries linked defines it",
                    assertThrows(FFIException.class, () -> lib.function(name)).getMessage());
        }
    }

    private static FFI compileWhole(String header, List<String> libraries) {
        FFI ffi = new FFI();
        ffi.cdef(GccProbe.preprocess("#include <" + header + ">\n"));
        ffi.setSource(
                "_whole_" + header.replaceAll("[^A-Za-z0-9]", "_"),
                "#include <" + header + ">",
                SourceOptions.libraries(libraries.toArray(String[]::new)));
        ffi.compile();
        return ffi;
    }

    private static void stdio(FFI ffi, Library lib) {
        CData buf = ffi.alloc("char[16]");
        assertEquals(2, lib.call("snprintf", buf, 16L, "%d", 42));
        assertEquals("42", ffi.string(buf));
    }

    private static void math(FFI ffi, Library lib) {
        assertEquals(Math.sqrt(2.0), lib.call("sqrt", 2.0));
        assertEquals(2.0, lib.call("fmax", 1.0, 2.0));
        assertEquals(
                "function '__fmax' is not in '_whole_math_h' or its libraries: the C source declares it, but"
                        + " none of the libraries linked defines it",
                assertThrows(FFIException.class, () -> lib.call("__fmax", 1.0, 2.0))
                        .getMessage());
    }

    private static void signal(FFI ffi, Library lib) {
        CData set = ffi.alloc("sigset_t *");
        assertEquals(0, lib.call("sigemptyset", set));
        assertEquals(0, lib.call("sigismember", set, 2));
        assertEquals(0, lib.call("sigaddset", set, 2));
        assertEquals(1, lib.call("sigismember", set, 2));
    }

    // pthread_spinlock_t is 'volatile int': the check must keep the typedef's qualifier.
    private static void pthread(FFI ffi, Library lib) {
        CData lock = ffi.alloc("pthread_spinlock_t *");
        assertEquals(0, lib.call("pthread_spin_init", lock, 0));
        assertEquals(0, lib.call("pthread_spin_lock", lock));
        assertEquals(16, lib.call("pthread_spin_trylock", lock)); // EBUSY
        assertEquals(0, lib.call("pthread_spin_unlock", lock));
        assertEquals(0, lib.call("pthread_spin_destroy", lock));
        assertNotEquals(0L, ((CData) lib.addressOf("pthread_self")).address());
    }

    private static void socket(FFI ffi, Library lib) {
        CData fds = ffi.alloc("int[2]");
        assertEquals(0, lib.call("socketpair", 1, ffi.integerConst("SOCK_STREAM"), 0, fds)); // AF_UNIX
        assertEquals(3L, lib.call("send", fds.get(0), "abc", 3L, 0));
        CData got = ffi.alloc("char[4]");
        assertEquals(3L, lib.call("recv", fds.get(1), got, 4L, 0));
        assertEquals("abc", ffi.string(got));
    }

    private static void zlib(FFI ffi, Library lib) {
        CRC32 crc = new CRC32();
        crc.update("hello".getBytes(StandardCharsets.US_ASCII));
        assertEquals(crc.getValue(), lib.call("crc32", 0L, "hello", 5));
        assertTrue(ffi.string((CData) lib.call("zlibVersion")).startsWith("1."));
    }

    private static void sqlite3(FFI ffi, Library lib) {
        assertTrue((Integer) lib.call("sqlite3_libversion_number") >= 3_000_000);
        assertThrows(FFIException.class, () -> lib.call("sqlite3_snapshot_free", FFI.NULL));
    }

    private static void unistd(FFI ffi, Library lib) {
        assertEquals((int) ProcessHandle.current().pid(), lib.call("getpid"));
        assertEquals(
                "function 'crypt' is not in '_whole_unistd_h' or its libraries: the C source declares it, but"
                        + " none of the libraries linked defines it",
                assertThrows(FFIException.class, () -> lib.call("crypt", "key", "salt"))
                        .getMessage());
        assertEquals(
                "function 'crypt' is not in '_whole_unistd_h' or its libraries: the C source declares it, but"
                        + " none of the libraries linked defines it",
                assertThrows(FFIException.class, () -> lib.addressOf("crypt")).getMessage());
    }

    private static void netdb(FFI ffi, Library lib) {
        assertFalse(ffi.string((CData) lib.call("gai_strerror", -2)).isEmpty()); // EAI_NONAME
        assertThrows(FFIException.class, () -> lib.call("bindresvport6", 0, FFI.NULL));
    }

    // uuid_compare(const uuid_t, const uuid_t): const on the items of a typedef'd array.
    private static void uuid(FFI ffi, Library lib) {
        CData a = ffi.alloc("uuid_t");
        CData b = ffi.alloc("uuid_t");
        lib.call("uuid_generate", a);
        assertEquals(0, lib.call("uuid_is_null", a));
        lib.call("uuid_copy", b, a);
        assertEquals(0, lib.call("uuid_compare", a, b));
    }

    @Test
    void theFunctionsNoLibraryDefinesAreReportedOnceAtCompile() {
        String text = StdErr.capture(() -> {
            FFI ffi = compileWhole("netinet/in.h", List.of());
            ffi.compile();
            compileWhole("netinet/in.h", List.of());
        });
        String expected = "cffi4j: module '_whole_netinet_in_h': 1 declared function is defined by none of its"
                + " libraries (calling it raises an FFIException): bindresvport6";
        assertEquals(text.indexOf(expected), text.lastIndexOf(expected), text); // once
        assertTrue(text.contains(expected), text);
    }
}

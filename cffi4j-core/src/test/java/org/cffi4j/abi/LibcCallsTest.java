package org.cffi4j.abi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.cffi4j.CData;
import org.cffi4j.FFI;
import org.cffi4j.Library;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * libc called through the declarations of its own headers ({@code cc -E} output as-is): strings,
 * numbers with {@code char **} out-parameters, errno, variadic formatting, the environment, time
 * into a {@code struct tm}, the process id, raw memory. libc (and java.time, the JVM) is the oracle.
 */
class LibcCallsTest {
    private static final int ERANGE = 34; // errno values of Linux, also checked in LibcGlobalsTest
    private static final int ENOENT = 2;
    private static final int O_RDONLY = 0;
    private static final int O_WRONLY_CREAT = 01 | 0100;

    private static FFI ffi;
    private static Library libc;

    @BeforeAll
    static void load() {
        ffi = SystemHeaders.ffi("stdlib.h", "string.h", "stdio.h", "time.h", "fcntl.h", "unistd.h");
        libc = ffi.dlopen(null);
    }

    @AfterAll
    static void close() {
        libc.close();
    }

    @Test
    void strlenCountsTheUtf8BytesOfAJavaString() {
        assertEquals(5L, libc.call("strlen", "hello"));
        assertEquals(0L, libc.call("strlen", ""));
        assertEquals(3L, libc.call("strlen", "h\u00e9")); // é is two bytes in UTF-8
    }

    @Test
    void strtolSetsEndptrIntoTheCallersOwnString() {
        // endptr must point into live memory after the call: the string is an alloc'ed char[].
        CData text = ffi.alloc("char[]", "  -1234xyz");
        CData end = ffi.alloc("char **");

        assertEquals(-1234L, libc.call("strtol", text, end, 10));

        CData stop = (CData) end.deref();
        assertEquals(7L, stop.minus(text));
        assertEquals("xyz", ffi.string(stop));
        assertEquals(255L, libc.call("strtol", "ff", FFI.NULL, 16));
    }

    @Test
    void strtolOverflowLeavesErangeInErrno() {
        ffi.setErrno(0);

        assertEquals(Long.MAX_VALUE, libc.call("strtol", "99999999999999999999", null, 10));
        assertEquals(ERANGE, ffi.errno());

        assertEquals(Long.MIN_VALUE, libc.call("strtol", "-99999999999999999999", null, 10));
        assertEquals(ERANGE, ffi.errno());
    }

    @Test
    void errnoSetBeforeACallIsSeenAfterACallThatLeavesItAlone() {
        libc.call("strlen", "linked"); // linking loads classes, which may use errno itself
        ffi.setErrno(ENOENT);
        libc.call("strlen", "errno stays");
        assertEquals(ENOENT, ffi.errno());
        ffi.setErrno(0);
        libc.call("strlen", "errno stays");
        assertEquals(0, ffi.errno());
    }

    @Test
    void openOfAMissingFileLeavesEnoentInErrno() {
        // open is variadic: without a mode, and with the mode as a variadic int.
        assertEquals(-1, libc.call("open", "/nonexistent-cffi4j/file", O_RDONLY));
        assertEquals(ENOENT, ffi.errno());

        ffi.setErrno(0);
        assertEquals(-1, libc.call("open", "/nonexistent-cffi4j/new-file", O_WRONLY_CREAT, 0644));
        assertEquals(ENOENT, ffi.errno());
    }

    @Test
    void snprintfFormatsMixedVariadicArguments() {
        CData buf = ffi.alloc("char[64]");

        Object n = libc.call(
                "snprintf",
                buf,
                64L,
                "%d|%ld|%.3f|%s|%hd|%c|%u",
                42,
                1L << 40,
                Math.PI,
                "text",
                ffi.cast("short", 70000),
                (int) 'x',
                ffi.cast("unsigned int", -1));

        String expected = "42|1099511627776|3.142|text|4464|x|4294967295";
        assertEquals(expected, ffi.string(buf));
        assertEquals(expected.length(), n);
    }

    @Test
    void snprintfTruncatesAndReturnsTheFullLength() {
        CData buf = ffi.alloc("char[4]");
        assertEquals(9, libc.call("snprintf", buf, 4L, "%s", "truncated"));
        assertEquals("tru", ffi.string(buf));
    }

    @Test
    void getenvReadsTheProcessEnvironment() {
        CData path = (CData) libc.call("getenv", "PATH");
        assertEquals(System.getenv("PATH"), ffi.string(path));

        CData missing = (CData) libc.call("getenv", "CFFI4J_SURELY_NOT_SET");
        assertTrue(missing.isNull());
    }

    @Test
    void timeAndLocaltimeRFillAStructTmAsJavaTimeSeesIt() {
        CData out = ffi.alloc("time_t *");
        long now = (Long) libc.call("time", out);
        assertEquals(now, out.deref());
        assertTrue(Math.abs(now - Instant.now().getEpochSecond()) <= 5, "time() is now");

        CData tm = ffi.alloc("struct tm *");
        CData result = (CData) libc.call("localtime_r", out, tm);

        assertEquals(tm, result); // localtime_r returns its second argument
        ZonedDateTime expected = Instant.ofEpochSecond(now).atZone(ZoneId.systemDefault());
        assertEquals(expected.getYear(), (int) tm.get("tm_year") + 1900);
        assertEquals(expected.getDayOfYear(), (int) tm.get("tm_yday") + 1);
        assertEquals(expected.getMonthValue(), (int) tm.get("tm_mon") + 1);
        assertEquals(expected.getDayOfMonth(), tm.get("tm_mday"));
        assertEquals(expected.getHour(), tm.get("tm_hour"));
        assertEquals(expected.getMinute(), tm.get("tm_min"));
        assertEquals(expected.getDayOfWeek().getValue() % 7, tm.get("tm_wday"));
        assertEquals((long) expected.getOffset().getTotalSeconds(), tm.get("tm_gmtoff"));
    }

    @Test
    void getpidIsTheJvmsProcessId() {
        assertEquals(ProcessHandle.current().pid(), ((Integer) libc.call("getpid")).longValue());
    }

    @Test
    void memcpyAndMemcmpWorkOnCdata() {
        CData src = ffi.alloc("int[]", new int[] {1, 2, 3, 4});
        CData dst = ffi.alloc("int[4]");

        CData returned = (CData) libc.call("memcpy", dst, src, ffi.sizeof(src));

        assertEquals(dst.address(), returned.address());
        assertArrayEquals(new int[] {1, 2, 3, 4}, (int[]) ffi.unpack(dst, 4));
        assertEquals(0, libc.call("memcmp", dst, src, 16L));
        dst.set(2, 9);
        assertTrue((Integer) libc.call("memcmp", dst, src, 16L) > 0);
        assertTrue((Integer) libc.call("memcmp", src, dst, 16L) < 0);
        assertEquals(0, libc.call("memcmp", dst, src, 8L));
    }
}

package org.cffi4j.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Linker;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cffi4j.CData;
import org.cffi4j.CFunction;
import org.cffi4j.FFI;
import org.cffi4j.FFIException;
import org.cffi4j.Library;
import org.cffi4j.testing.GccProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a library holds besides functions: global variables read and written in place, integer
 * constants ({@code #define} and enum) and the addresses of functions as function pointers.
 */
class LibcGlobalsTest {
    private static FFI ffi;
    private static Library libc;

    @BeforeAll
    static void load() {
        ffi = SystemHeaders.ffi("stdlib.h", "string.h", "time.h", "unistd.h", "sys/socket.h");
        // cc -E keeps no #define; <unistd.h> declares environ only with _GNU_SOURCE.
        ffi.cdef("""
                extern char **environ;
                #define O_CREAT 0100
                #define ENOENT 2
                #define ERANGE 34
                """);
        libc = ffi.dlopen(null);
    }

    @AfterAll
    static void close() {
        libc.close();
    }

    @Test
    void defineConstantsHaveTheCompilersValues() {
        String compiler = GccProbe.compileAndRun("""
                #include <errno.h>
                #include <fcntl.h>
                #include <stdio.h>
                int main(void) { printf("%d %d %d", O_CREAT, ENOENT, ERANGE); return 0; }
                """);

        assertEquals(compiler, libc.get("O_CREAT") + " " + libc.get("ENOENT") + " " + libc.get("ERANGE"));
        assertEquals(Integer.class, libc.get("O_CREAT").getClass());
    }

    @Test
    void enumConstantsComeFromTheHeader() {
        assertEquals(1, libc.get("SOCK_STREAM")); // enum __socket_type of <bits/socket_type.h>
        assertEquals(2, libc.get("SOCK_DGRAM"));
        assertEquals(2L, ffi.integerConst("SOCK_DGRAM"));
    }

    @Test
    void tzsetSetsTheTimezoneDaylightAndTznameGlobals() {
        CData before = (CData) libc.call("getenv", "TZ");
        String oldTz = before.isNull() ? null : ffi.string(before);
        try {
            assertEquals(0, libc.call("setenv", "TZ", "EST5EDT", 1));
            libc.call("tzset");

            assertEquals(5 * 3600L, libc.get("timezone"));
            assertEquals(1, libc.get("daylight"));
            CData tzname = (CData) libc.get("tzname"); // char *tzname[2]
            assertEquals("char *[2]", tzname.ctype().toString());
            assertEquals("EST", ffi.string((CData) tzname.get(0)));
            assertEquals("EDT", ffi.string((CData) tzname.get(1)));
            CData timezone = libc.addressOf("timezone");
            assertEquals("long *", timezone.ctype().toString());
            assertEquals(5 * 3600L, timezone.deref());
        } finally {
            if (oldTz == null) {
                libc.call("unsetenv", "TZ");
            } else {
                libc.call("setenv", "TZ", oldTz, 1);
            }
            libc.call("tzset");
        }
    }

    @Test
    void aGlobalIsAssignedInPlace() {
        int old = (Integer) libc.get("opterr"); // int opterr of getopt, 1 by default
        try {
            libc.set("opterr", 0);
            assertEquals(0, libc.get("opterr"));
            CData opterr = libc.addressOf("opterr");
            assertEquals(0, opterr.deref());
            opterr.set(0, 7);
            assertEquals(7, libc.get("opterr"));

            FFIException e = assertThrows(FFIException.class, () -> libc.set("opterr", 1L << 40));
            assertEquals(
                    "integer 1099511627776 does not fit in 'int' (global 'opterr'): the range is"
                            + " -2147483648..2147483647",
                    e.getMessage());
        } finally {
            libc.set("opterr", old);
        }
    }

    @Test
    void environIsANullTerminatedArrayOfStrings() {
        CData environ = (CData) libc.get("environ");
        Map<String, String> variables = new HashMap<>();
        for (int i = 0; ; i++) {
            CData entry = (CData) environ.get(i);
            if (entry.isNull()) {
                break;
            }
            String variable = ffi.string(entry);
            int eq = variable.indexOf('=');
            variables.put(variable.substring(0, eq), variable.substring(eq + 1));
        }
        assertEquals(System.getenv("PATH"), variables.get("PATH"));
        assertEquals(System.getenv("HOME"), variables.get("HOME"));
    }

    @Test
    void addressOfAFunctionIsATypedFunctionPointer() {
        CData strlen = libc.addressOf("strlen");

        assertEquals("unsigned long(*)(const char *)", strlen.ctype().toString()); // size_t as <stddef.h> defines it
        assertEquals(
                Linker.nativeLinker()
                        .defaultLookup()
                        .find("strlen")
                        .orElseThrow()
                        .address(),
                strlen.address());
        assertEquals(3L, strlen.call("abc"));
        assertEquals(3L, ((CFunction) libc.get("strlen")).invoke("abc"));
    }

    @Test
    void aFunctionPointerFromTheLibraryIsCalledByC() {
        CData words = ffi.alloc("char[4][8]", List.of("pear", "fig", "apple", "kiwi"));
        CData strcmp = libc.addressOf("strcmp");

        FFIException e = assertThrows(FFIException.class, () -> libc.call("qsort", words, 4L, 8L, strcmp));
        assertTrue(e.getMessage().startsWith("cannot convert 'int(*)(const char *, const char *)' to"), e.getMessage());

        // As in C, a comparator of another type needs a cast; qsort then calls strcmp on each char[8].
        libc.call("qsort", words, 4L, 8L, ffi.cast("__compar_fn_t", strcmp));

        List<String> sorted = List.of(0, 1, 2, 3).stream()
                .map(i -> ffi.string((CData) words.get(i)))
                .toList();
        assertEquals(List.of("apple", "fig", "kiwi", "pear"), sorted);
    }
}

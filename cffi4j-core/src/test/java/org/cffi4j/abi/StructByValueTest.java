package org.cffi4j.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.cffi4j.CData;
import org.cffi4j.FFI;
import org.cffi4j.FFIException;
import org.cffi4j.Library;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Structs by value through libc, declared by its headers: returned ({@code div}, {@code ldiv},
 * {@code lldiv}: one and two registers; {@code inet_makeaddr}) and passed ({@code inet_ntoa}
 * takes a {@code struct in_addr}). libm has no function taking a struct by value.
 */
class StructByValueTest {
    private static FFI ffi;
    private static Library libc;

    @BeforeAll
    static void load() {
        ffi = SystemHeaders.ffi("stdlib.h", "arpa/inet.h");
        libc = ffi.dlopen(null);
    }

    @AfterAll
    static void close() {
        libc.close();
    }

    @Test
    void divReturnsAnEightByteStructInOneRegister() {
        CData d = (CData) libc.call("div", 7, -2);
        assertEquals("div_t", d.ctype().toString());
        assertEquals(-3, d.get("quot"));
        assertEquals(1, d.get("rem"));
    }

    @Test
    void ldivAndLldivReturnSixteenByteStructsInTwoRegisters() {
        CData l = (CData) libc.call("ldiv", Long.MAX_VALUE, 10L);
        assertEquals(Long.MAX_VALUE / 10, l.get("quot"));
        assertEquals(Long.MAX_VALUE % 10, l.get("rem"));

        CData ll = (CData) libc.call("lldiv", -7L, 2L);
        assertEquals(-3L, ll.get("quot"));
        assertEquals(-1L, ll.get("rem"));
    }

    @Test
    void aReturnedStructOwnsItsCopyUntilReleased() {
        CData d = (CData) libc.call("div", 9, 4);
        assertTrue(d.toString().contains("owning 8 bytes"), d.toString());

        ffi.release(d);

        FFIException e = assertThrows(FFIException.class, () -> d.get("quot"));
        assertTrue(
                e.getMessage().startsWith("use of <cdata 'div_t' owning 8 bytes, released> after it was released"),
                e.getMessage());
    }

    @Test
    void aStructReturnedByValueIsPassedByValue() {
        CData address = (CData) libc.call("inet_makeaddr", 127, 1);
        assertEquals("struct in_addr", address.ctype().toString());
        assertEquals(0x0100007fL, address.get("s_addr")); // network byte order, read on a little-endian machine

        assertEquals("127.0.0.1", ffi.string((CData) libc.call("inet_ntoa", address)));
    }

    @Test
    void aStructArgumentIsBuiltFromAMapOrAList() {
        long net = (Long) libc.call("htonl", 0xC0A80001L); // 192.168.0.1
        assertEquals("192.168.0.1", ffi.string((CData) libc.call("inet_ntoa", Map.of("s_addr", net))));
        assertEquals("192.168.0.1", ffi.string((CData) libc.call("inet_ntoa", java.util.List.of(net))));
    }

    @Test
    void aStructOfAnotherTypeIsRefused() {
        CData d = (CData) libc.call("div", 1, 1);
        FFIException e = assertThrows(FFIException.class, () -> libc.call("inet_ntoa", d));
        assertEquals(
                "cannot initialise 'struct in_addr' from org.cffi4j.CData <cdata 'div_t' owning 8 bytes>"
                        + " (argument 1 of 'inet_ntoa'): a Map of members, a List of values, or a cdata of the same type is"
                        + " expected",
                e.getMessage());
    }

    /** inet_ntoa, bound: its struct argument goes through a bound method's own conversion. */
    public interface Inet {
        CData inet_ntoa(CData address);
    }

    // A call and a bound method check a struct argument the same way, and name the argument alike.
    @Test
    void aReleasedStructArgumentIsRefusedAlikeByCallAndBind() {
        Inet inet = libc.bind(Inet.class);
        CData address = (CData) libc.call("inet_makeaddr", 127, 1);
        assertEquals("127.0.0.1", ffi.string(inet.inet_ntoa(address)));

        ffi.release(address);

        String message = "use of <cdata 'struct in_addr' owning 4 bytes, released> as argument 1 of 'inet_ntoa'"
                + " after it was released (ffi.release, or its scope was closed)";
        assertEquals(
                message,
                assertThrows(FFIException.class, () -> libc.call("inet_ntoa", address))
                        .getMessage());
        assertEquals(
                message,
                assertThrows(FFIException.class, () -> inet.inet_ntoa(address)).getMessage());
    }
}

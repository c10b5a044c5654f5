package org.cffi4j.internal.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.cffi4j.testing.ForkedJvm;
import org.junit.jupiter.api.Test;

/**
 * A platform without an ABI table is refused with an FFIException naming it, never laid out as
 * another platform (a Windows long laid out as Linux's would be 8 bytes instead of 4).
 */
class UnsupportedPlatformTest {
    private static final String KNOWN = "x86_64-linux, aarch64-linux, i386-linux, armhf-linux, riscv64-linux,"
            + " ppc64le-linux, s390x-linux, x86_64-macos, aarch64-macos, x86_64-windows, aarch64-windows";
    private static final String SPARC = "cffi4j has no description of the C ABI of Linux on sparcv9: it lays out C"
            + " types only for " + KNOWN + ", and a layout guessed for another platform could be silently wrong";
    private static final String FREEBSD = "cffi4j has no description of the C ABI of FreeBSD on amd64: it lays"
            + " out C types only for " + KNOWN + ", and a layout guessed for another platform could be silently"
            + " wrong";

    @Test
    void eachKnownOsAndArchitectureHasItsTable() {
        assertEquals(Optional.of("x86_64-linux"), Abi.tableFor("Linux", "amd64"));
        assertEquals(Optional.of("aarch64-linux"), Abi.tableFor("Linux", "aarch64"));
        assertEquals(Optional.of("i386-linux"), Abi.tableFor("Linux", "x86"));
        assertEquals(Optional.of("armhf-linux"), Abi.tableFor("Linux", "arm"));
        assertEquals(Optional.of("riscv64-linux"), Abi.tableFor("Linux", "riscv64"));
        assertEquals(Optional.of("ppc64le-linux"), Abi.tableFor("Linux", "ppc64le"));
        assertEquals(Optional.of("s390x-linux"), Abi.tableFor("Linux", "s390x"));
        assertEquals(Optional.of("aarch64-macos"), Abi.tableFor("Mac OS X", "aarch64"));
        assertEquals(Optional.of("x86_64-macos"), Abi.tableFor("Mac OS X", "x86_64"));
        assertEquals(Optional.of("x86_64-windows"), Abi.tableFor("Windows 11", "amd64"));
        assertEquals(Optional.of("aarch64-windows"), Abi.tableFor("Windows 11", "aarch64"));
        assertEquals(Optional.empty(), Abi.tableFor("Linux", "sparcv9"));
        assertEquals(Optional.empty(), Abi.tableFor("Windows 11", "x86")); // 32-bit Windows: no table
        assertEquals(Optional.empty(), Abi.tableFor("FreeBSD", "amd64"));
    }

    @Test
    void anFfiOnAnotherPlatformIsRefusedEveryTime() {
        assertEquals(List.of(SPARC, SPARC), run("-Dos.arch=sparcv9"));
        assertEquals(List.of(FREEBSD, FREEBSD), run("-Dos.name=FreeBSD"));
    }

    private static List<String> run(String property) {
        ForkedJvm.Result r = ForkedJvm.run(UnsupportedPlatformMain.class, List.of(property));
        assertEquals(0, r.exitCode(), r::transcript);
        assertEquals("", r.stderr(), r::transcript);
        return r.lines();
    }
}

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
    private static final String RISCV = "cffi4j has no description of the C ABI of Linux on riscv64: it lays out C"
            + " types only for Linux on x86-64 and AArch64, and a layout guessed for another platform could be"
            + " silently wrong";
    private static final String WINDOWS = "cffi4j has no description of the C ABI of Windows 11 on amd64: it lays"
            + " out C types only for Linux on x86-64 and AArch64, and a layout guessed for another platform could"
            + " be silently wrong";

    @Test
    void onlyLinuxOnX86AndAArch64HaveTables() {
        assertEquals(Optional.of("x86_64-sysv"), Abi.tableFor("Linux", "amd64"));
        assertEquals(Optional.of("aarch64-aapcs"), Abi.tableFor("Linux", "aarch64"));
        assertEquals(Optional.empty(), Abi.tableFor("Linux", "riscv64"));
        assertEquals(Optional.empty(), Abi.tableFor("Mac OS X", "aarch64"));
        assertEquals(Optional.empty(), Abi.tableFor("Windows 11", "amd64"));
    }

    @Test
    void anFfiOnAnotherPlatformIsRefusedEveryTime() {
        assertEquals(List.of(RISCV, RISCV), run("-Dos.arch=riscv64"));
        assertEquals(List.of(WINDOWS, WINDOWS), run("-Dos.name=Windows 11"));
    }

    private static List<String> run(String property) {
        ForkedJvm.Result r = ForkedJvm.run(UnsupportedPlatformMain.class, List.of(property));
        assertEquals(0, r.exitCode(), r::transcript);
        assertEquals("", r.stderr(), r::transcript);
        return r.lines();
    }
}

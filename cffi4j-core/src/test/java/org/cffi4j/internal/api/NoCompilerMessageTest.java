package org.cffi4j.internal.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.cffi4j.internal.platform.Abi;
import org.junit.jupiter.api.Test;

/** A missing C compiler is explained with how to get one on each OS. */
class NoCompilerMessageTest {
    @Test
    void eachOsSaysHowToGetACompiler() {
        assertEquals(
                "no C compiler found ('cc'): API mode compiles C with the system compiler. Install one (e.g."
                        + " 'apt-get install gcc' or 'dnf install gcc'), or set CC to its path",
                Toolchain.noCompiler("cc", Abi.Os.LINUX));
        assertEquals(
                "no C compiler found ('cc'): API mode compiles C with the system compiler. Install Apple's command"
                        + " line tools ('xcode-select --install'), which provide cc and clang, or set CC to its path",
                Toolchain.noCompiler("cc", Abi.Os.MACOS));
        assertEquals(
                "no C compiler found ('cc'): API mode compiles C with the system compiler. On Windows API mode needs"
                        + " a MinGW-w64 gcc or clang on the PATH; install one, or set CC to its path",
                Toolchain.noCompiler("cc", Abi.Os.WINDOWS));
    }
}

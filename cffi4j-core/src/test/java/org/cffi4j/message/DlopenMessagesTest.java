package org.cffi4j.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cffi4j.FFI;
import org.cffi4j.FFIException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A library that cannot be loaded: the message lists, one line each and in order, every place the
 * short name was looked for (as ctypes.util.find_library looks: the linker's cache, then the
 * standard directories), then the dlopen attempt with the loader's own message.
 */
class DlopenMessagesTest {
    // This machine's multiarch directory: another architecture's (a cross compiler's) is not searched
    private static final String MULTIARCH =
            System.getProperty("os.arch").equals("aarch64") ? "aarch64-linux-gnu" : "x86_64-linux-gnu";

    // Where ctypes looks on Linux after the cache, in its order; a directory the machine lacks is skipped.
    private static final List<String> STANDARD_DIRECTORIES = List.of(
            "/lib/" + MULTIARCH, "/usr/lib/" + MULTIARCH, "/lib64", "/usr/lib64", "/lib", "/usr/lib", "/usr/local/lib");

    @Test
    void aNameFoundNowhereListsEveryPlaceTried() {
        StringBuilder expected = new StringBuilder("cannot load library 'cffi4j_no_such_lib'; tried, in order:\n"
                + "  the dynamic linker's cache (ldconfig -p): no libcffi4j_no_such_lib.so*\n");
        for (String dir : STANDARD_DIRECTORIES) {
            if (Files.isDirectory(Path.of(dir))) {
                expected.append("  ").append(dir).append("/libcffi4j_no_such_lib.so*: no such file\n");
            }
        }
        expected.append("  dlopen(\"cffi4j_no_such_lib\"): cffi4j_no_such_lib: cannot open shared object file:"
                + " No such file or directory");
        assertEquals(
                expected.toString(),
                assertThrows(FFIException.class, () -> new FFI().dlopen("cffi4j_no_such_lib"))
                        .getMessage());
    }

    @Test
    void aFileThatIsNotALibraryGivesTheLoadersReason(@TempDir Path dir) throws Exception {
        Path notes = dir.resolve("notes.txt");
        Files.writeString(notes, "These are notes, not a shared library: dlopen finds no ELF header here.\n");
        assertEquals(
                "cannot load library '" + notes + "'; tried, in order:\n" + "  dlopen(\"" + notes + "\"): " + notes
                        + ": invalid ELF header",
                assertThrows(FFIException.class, () -> new FFI().dlopen(notes.toString()))
                        .getMessage());
    }
}

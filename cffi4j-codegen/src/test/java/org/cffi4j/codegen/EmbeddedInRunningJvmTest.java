package org.cffi4j.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.cffi4j.FFI;
import org.cffi4j.Library;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An embedded library loaded into a JVM that already runs (this test's, through {@code
 * ffi.dlopen}): it uses that JVM, its classes and their state, and starts no other.
 */
class EmbeddedInRunningJvmTest {
    @TempDir
    static Path dir;

    static Library plugin;
    static Library spawner;
    static FFI ffi = new FFI();

    @BeforeAll
    static void build() {
        Embedder.build(Embedded.spec("plugin.cdef", EmbeddedPlugin.class, "plugin"), dir);
        CProgram.Run r = CProgram.run(
                List.of(
                        "gcc",
                        "-O1",
                        "-Wall",
                        "-Werror",
                        "-shared",
                        "-fPIC",
                        "-o",
                        "libspawn.so",
                        dir.resolve("spawn.c").toString(),
                        "-I.",
                        "-L.",
                        "-lplugin",
                        "-Wl,-rpath," + dir,
                        "-lpthread"),
                java.util.Map.of(),
                write(dir.resolve("spawn.c"), CProgram.resource("spawn.c")));
        assertEquals(0, r.exitCode(), r.describe());
        ffi.cdef("int token(void); int add(int a, int b); long long add_calls(void);"
                + " long spawn_calls(int threads, int calls);");
        plugin = ffi.dlopen(dir.resolve("libplugin.so").toString());
        spawner = ffi.dlopen(dir.resolve("libspawn.so").toString());
    }

    static Path write(Path file, String text) {
        try {
            java.nio.file.Files.writeString(file, text);
            return file.getParent();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void usesThisJvmAndItsClasses() {
        EmbeddedPlugin.token = 0x5eed;
        // C's token() returns the static field this test just set: the same JVM, the same class
        assertEquals(0x5eed, plugin.call("token"));
        assertEquals(5, plugin.call("add", 2, 3));
    }

    @Test
    void cThreadsCallInAndLeaveNoThreadAttached() {
        long before = EmbeddedPlugin.add_calls();
        assertEquals(0L, spawner.call("spawn_calls", 8, 10_000));
        assertEquals(before + 80_000, EmbeddedPlugin.add_calls());
        // the 8 threads the JVM attached for their calls were detached when they ended
        assertEquals(0, EmbeddedPlugin.threads_alive());
    }
}

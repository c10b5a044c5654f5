package org.cffi4j.apimode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.cffi4j.FFIException;
import org.cffi4j.testing.ForkedJvm;
import org.cffi4j.testing.GccProbe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The API-mode cache trusts nothing another user could have put there: a directory that others can
 * write to (or that belongs to another user, or sits in a directory others can write to without
 * the sticky bit) is refused; a library whose content is not the one the cache recorded is never
 * loaded, even under the expected name; concurrent builds of one module all succeed. A planted
 * library has a constructor that writes a marker file: the marker must never appear.
 */
class CacheSecurityTest {
    private static final String CHOOSE = "(system property cffi4j.cache, environment variable CFFI4J_CACHE)";

    @AfterEach
    void sharedCache() {
        TestCache.install();
    }

    private static Path newCache() {
        Path dir = TestCache.newDirectory("cffi4j-cache-security");
        System.setProperty("cffi4j.cache", dir.toString());
        return dir;
    }

    private static void chmod(Path p, int mode) {
        try {
            Files.setAttribute(p, "unix:mode", mode);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String refusal(Path cache) {
        return assertThrows(FFIException.class, CacheCompileMain::compile).getMessage();
    }

    @Test
    void aDirectoryWritableByItsGroupIsRefused() {
        Path cache = newCache();
        chmod(cache, 0770);

        assertEquals(
                "API mode refuses the cache directory " + cache + ": it is writable by its group (mode 0770), so"
                        + " another user could put a library there that this JVM would load; make it private"
                        + " ('chmod 700 " + cache + "') or choose another directory " + CHOOSE,
                refusal(cache));
    }

    @Test
    void aDirectoryWritableByAllUsersIsRefused() {
        Path cache = newCache();
        chmod(cache, 0707);
        assertEquals(
                "API mode refuses the cache directory " + cache + ": it is writable by all users (mode 0707), so"
                        + " another user could put a library there that this JVM would load; make it private"
                        + " ('chmod 700 " + cache + "') or choose another directory " + CHOOSE,
                refusal(cache));

        chmod(cache, 01777); // the sticky bit does not make the directory itself private
        assertEquals(
                "API mode refuses the cache directory " + cache + ": it is writable by its group and by all users"
                        + " (mode 1777), so another user could put a library there that this JVM would load; make it"
                        + " private ('chmod 700 " + cache + "') or choose another directory " + CHOOSE,
                refusal(cache));
    }

    @Test
    void aDirectoryOfAnotherUserIsRefused() throws IOException {
        int me = myUid();
        Path cache;
        if (me == 0) {
            cache = newCache();
            Files.setAttribute(cache, "unix:uid", 65534);
        } else {
            cache = Path.of("/"); // root's, and not writable by this user
            System.setProperty("cffi4j.cache", cache.toString());
        }
        String owner = Files.getOwner(cache).getName();

        assertEquals(
                "API mode refuses the cache directory " + cache + ": it belongs to user '" + owner + "', not to"
                        + " the user running this JVM (uid " + me + "), so another user could put a library there"
                        + " that this JVM would load; choose a directory of your own " + CHOOSE,
                refusal(cache));
    }

    @Test
    void aDirectoryInsideOneThatOthersCanWriteIsRefusedUnlessItIsSticky() throws IOException {
        Path parent = newCache();
        Path cache = Files.createDirectory(parent.resolve("cache"));
        chmod(cache, 0700);
        chmod(parent, 0777);
        System.setProperty("cffi4j.cache", cache.toString());

        assertEquals(
                "API mode refuses the cache directory " + cache + ": it is inside " + parent + ", which is"
                        + " writable by its group and by all users (mode 0777, without the sticky bit), so another"
                        + " user could replace the cache directory; choose a directory whose parents only you and"
                        + " root can change " + CHOOSE,
                refusal(cache));

        chmod(parent, 01777); // as /tmp: others cannot rename or delete what is ours there
        CacheCompileMain.compile();
    }

    @Test
    void aMissingDirectoryIsCreatedPrivate() throws IOException {
        Path cache = newCache().resolve("new").resolve("cache");
        System.setProperty("cffi4j.cache", cache.toString());

        CacheCompileMain.compile();

        assertEquals(0700, (Integer) Files.getAttribute(cache, "unix:mode") & 0777);
    }

    @Test
    void aLibraryPlantedUnderTheCachedNameIsNeverLoaded() throws Exception {
        Path cache = newCache();
        CacheCompileMain.compile(); // the genuine module, now cached
        List<Path> cached = libraries(cache);
        assertFalse(cached.isEmpty());
        Path marker = cache.resolveSibling(cache.getFileName() + "-planted-marker");
        byte[] planted = plantedLibrary(marker);
        for (Path f : cached) {
            Files.write(f, planted); // same name, another content
        }

        ForkedJvm.Result r = ForkedJvm.run(CacheCompileMain.class, List.of(), cache.toString());

        assertEquals(List.of("result 42", "compiled true"), r.lines(), r.transcript());
        assertFalse(Files.exists(marker), "the planted library was loaded: its constructor ran");
        for (Path f : libraries(cache)) { // rebuilt: each cached library is what its name records
            assertTrue(
                    f.getFileName()
                            .toString()
                            .contains(sha256(Files.readAllBytes(f)).substring(0, 32)),
                    f.toString());
        }
    }

    @Test
    void aLibraryChangedAfterLoadingIsNotSeenByThisProcess() throws Exception {
        Path cache = newCache();
        CacheCompileMain.compile();
        Path marker = cache.resolveSibling(cache.getFileName() + "-planted-marker");
        byte[] planted = plantedLibrary(marker);
        for (Path f : libraries(cache)) {
            Files.write(f, planted);
        }

        CacheCompileMain.compile(); // the module this process checked and sealed, not the file

        assertFalse(Files.exists(marker), "the planted library was loaded: its constructor ran");
    }

    @Test
    void concurrentCompilesOfOneModuleInThreadsAllSucceed() throws Exception {
        for (int round = 0; round < 3; round++) {
            newCache();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> results = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    results.add(pool.submit((Callable<Object>) CacheCompileMain::compile));
                }
                for (Future<?> f : results) {
                    f.get(); // throws if a compile failed
                }
            } finally {
                pool.shutdown();
            }
        }
    }

    @Test
    void concurrentCompilesOfOneModuleInTwoJvmsBothSucceed() throws Exception {
        for (int round = 0; round < 2; round++) {
            Path cache = TestCache.newDirectory("cffi4j-cache-race");
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Callable<ForkedJvm.Result> jvm =
                        () -> ForkedJvm.run(CacheCompileMain.class, List.of(), cache.toString());
                Future<ForkedJvm.Result> a = pool.submit(jvm);
                Future<ForkedJvm.Result> b = pool.submit(jvm);
                for (ForkedJvm.Result r : List.of(a.get(), b.get())) {
                    assertEquals(
                            "result 42", r.lines().isEmpty() ? "" : r.lines().get(0), r.transcript());
                }
            } finally {
                pool.shutdown();
            }
            for (Path f : libraries(cache)) {
                assertTrue(
                        f.getFileName()
                                .toString()
                                .contains(sha256(Files.readAllBytes(f)).substring(0, 32)),
                        f.toString());
            }
        }
    }

    private static List<Path> libraries(Path cache) throws IOException {
        try (Stream<Path> files = Files.list(cache)) {
            return files.filter(p -> p.toString().endsWith(".so")).toList();
        }
    }

    // A shared library whose constructor writes the marker file when it is loaded.
    private static byte[] plantedLibrary(Path marker) throws IOException {
        Path dir = TestCache.newDirectory("cffi4j-planted");
        Path c = dir.resolve("planted.c");
        Files.writeString(c, """
                #include <stdio.h>
                int cache_probe(int x) { return -1; }
                __attribute__((constructor)) static void planted(void) {
                    FILE *f = fopen("%s", "w");
                    if (f) { fputs("planted", f); fclose(f); }
                }
                """.formatted(marker));
        return Files.readAllBytes(GccProbe.sharedLibrary("planted", dir, List.of(c)));
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    // The uid this process creates files with.
    private static int myUid() throws IOException {
        Path probe = Files.createTempFile("cffi4j-uid", ".probe");
        try {
            return (Integer) Files.getAttribute(probe, "unix:uid");
        } finally {
            Files.delete(probe);
        }
    }
}

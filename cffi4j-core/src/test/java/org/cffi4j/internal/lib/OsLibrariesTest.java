package org.cffi4j.internal.lib;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.cffi4j.internal.platform.Abi;
import org.junit.jupiter.api.Test;

/**
 * The library search of macOS and Windows, run here on directories described in the test: which
 * names and directories are tried, in which order, and what is handed to the loader.
 */
class OsLibrariesTest {
    private static final Map<String, List<String>> MAC_DISK = Map.of(
            "/opt/homebrew/lib", List.of("libz.1.3.1.dylib", "libz.1.dylib", "libpng16.16.dylib", "libsqlite3.dylib"),
            "/Users/me/lib", List.of("libfoo.dylib"),
            "/usr/lib", List.of("libSystem.B.dylib"));
    private static final Map<String, List<String>> WIN_DISK = Map.of(
            "C:\\zlib\\bin", List.of("zlib1.dll", "zlib.lib"),
            "C:\\msys64\\mingw64\\bin", List.of("libpng16-16.dll", "libsqlite3-0.dll", "sqlite3.exe"),
            "C:\\tools", List.of("libcurl.dll", "curl.exe"));

    private static OsLibraries.Directories on(Map<String, List<String>> disk) {
        return dir -> disk.getOrDefault(dir, List.of());
    }

    @Test
    void macosLooksInDyldLibraryPathThenTheFallbackDirectories() {
        LibraryFinder.Search z = OsLibraries.macos("z", Map.of("DYLD_LIBRARY_PATH", "/Users/me/lib"), on(MAC_DISK));
        assertEquals("/opt/homebrew/lib/libz.1.dylib", z.path());
        assertEquals(
                List.of(
                        "/Users/me/lib/libz*.dylib: no such file",
                        "/usr/local/lib/libz*.dylib: no such file",
                        "/opt/homebrew/lib/libz*.dylib: found /opt/homebrew/lib/libz.1.dylib"),
                z.tried());
        assertEquals(
                "/Users/me/lib/libfoo.dylib",
                OsLibraries.macos("libfoo", Map.of("DYLD_LIBRARY_PATH", "/Users/me/lib"), on(MAC_DISK))
                        .path());
        assertEquals(
                "/opt/homebrew/lib/libsqlite3.dylib",
                OsLibraries.macos("sqlite3", Map.of(), on(MAC_DISK)).path());
    }

    @Test
    void macosLeavesASystemLibraryToTheDyldSharedCache() {
        LibraryFinder.Search c = OsLibraries.macos("c", Map.of("DYLD_FALLBACK_LIBRARY_PATH", "/usr/lib"), on(MAC_DISK));
        assertEquals("libc.dylib", c.path());
        assertEquals(
                List.of(
                        "/usr/lib/libc*.dylib: no such file",
                        "dlopen's own search (the dyld shared cache): libc.dylib"),
                c.tried());
        assertEquals(
                "/usr/lib/libz.dylib",
                OsLibraries.macos("/usr/lib/libz.dylib", Map.of(), on(MAC_DISK)).path());
        assertEquals(
                "libz.1.dylib",
                OsLibraries.macos("libz.1.dylib", Map.of(), on(MAC_DISK)).path());
    }

    @Test
    void windowsLooksInThePathForPlainAndVersionedDllNames() {
        Map<String, String> env = Map.of("Path", "C:\\tools;C:\\zlib\\bin;;C:\\msys64\\mingw64\\bin");
        LibraryFinder.Search z = OsLibraries.windows("z", env, on(WIN_DISK));
        assertEquals("C:\\zlib\\bin\\zlib1.dll", z.path());
        assertEquals(
                List.of("C:\\tools\\z*.dll: no such file", "C:\\zlib\\bin\\z*.dll: found C:\\zlib\\bin\\zlib1.dll"),
                z.tried());
        assertEquals(
                "C:\\msys64\\mingw64\\bin\\libpng16-16.dll",
                OsLibraries.windows("png16", env, on(WIN_DISK)).path());
        assertEquals(
                "C:\\msys64\\mingw64\\bin\\libsqlite3-0.dll",
                OsLibraries.windows("sqlite3", env, on(WIN_DISK)).path());
        assertEquals(
                "C:\\tools\\libcurl.dll",
                OsLibraries.windows("curl", env, on(WIN_DISK)).path());
    }

    @Test
    void windowsLeavesAnUnfoundNameToLoadLibrary() {
        LibraryFinder.Search k = OsLibraries.windows("kernel32", Map.of("PATH", "C:\\tools"), on(WIN_DISK));
        assertEquals("kernel32.dll", k.path());
        assertEquals(
                List.of(
                        "C:\\tools\\kernel32*.dll: no such file",
                        "LoadLibrary's own search (the system directories): kernel32.dll"),
                k.tried());
        assertEquals(
                "C:\\x\\y.dll",
                OsLibraries.windows("C:\\x\\y.dll", Map.of(), on(WIN_DISK)).path());
        assertEquals(
                "ZLIB1.DLL",
                OsLibraries.windows("ZLIB1.DLL", Map.of(), on(WIN_DISK)).path());
    }

    @Test
    void eachOsHasItsCRuntimeAndErrno() {
        assertEquals(List.of(), OsLibraries.cRuntime(Abi.Os.LINUX));
        assertEquals(List.of("/usr/lib/libSystem.B.dylib"), OsLibraries.cRuntime(Abi.Os.MACOS));
        assertEquals(List.of("ucrtbase.dll", "msvcrt.dll"), OsLibraries.cRuntime(Abi.Os.WINDOWS));
        assertEquals("__errno_location", OsLibraries.errnoFunction(Abi.Os.LINUX));
        assertEquals("__error", OsLibraries.errnoFunction(Abi.Os.MACOS));
        assertEquals("_errno", OsLibraries.errnoFunction(Abi.Os.WINDOWS));
    }

    @Test
    void eachPlatformTableNamesItsOs() {
        assertEquals(Abi.Os.MACOS, Abi.named("aarch64-macos").os());
        assertEquals(Abi.Os.WINDOWS, Abi.named("x86_64-windows").os());
        assertEquals(Abi.Os.LINUX, Abi.named("s390x-linux").os());
        assertEquals(java.nio.ByteOrder.BIG_ENDIAN, Abi.named("s390x-linux").byteOrder());
        assertEquals(List.of(), Abi.named("aarch64-macos").libraryDirectories());
    }
}

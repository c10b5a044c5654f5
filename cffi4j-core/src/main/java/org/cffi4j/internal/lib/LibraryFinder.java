package org.cffi4j.internal.lib;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.cffi4j.internal.platform.Abi;

/**
 * Finds a library by short name ({@code "z"}, {@code "sqlite3"}, {@code "m"}) the way Python's
 * {@code ctypes.util.find_library} does on Linux: the dynamic linker's cache ({@code ldconfig -p}),
 * then the platform's standard directories; on macOS and Windows as {@link OsLibraries} says. A
 * file name or path is used as it is.
 */
public final class LibraryFinder {
    private static volatile List<String> ldCache;

    private LibraryFinder() {}

    /**
     * Where a library name led: what to pass to dlopen, and each place looked at on the way, in
     * order, for the message of a load that fails.
     *
     * @param name the name the user gave
     * @param path the name or path to give dlopen
     * @param tried one line per place looked at before dlopen, with what was found there
     */
    public record Search(String name, String path, List<String> tried) {
        /** The message of a load that failed with the loader's message {@code dlerror}: one line per place tried. */
        public String failure(String dlerror) {
            StringBuilder m = new StringBuilder("cannot load library '" + name + "'; tried, in order:");
            for (String place : tried) {
                m.append("\n  ").append(place);
            }
            return m.append("\n  dlopen(\"")
                    .append(path)
                    .append("\"): ")
                    .append(dlerror)
                    .toString();
        }
    }

    /**
     * What to pass to dlopen for a name: a path or soname, unchanged if it already looks like one;
     * else the library the cache or a standard directory has, or the name itself if none has it.
     */
    public static Search find(String name) {
        Abi.Os os = Abi.current().os();
        if (os != Abi.Os.LINUX) {
            OsLibraries.Directories dirs = LibraryFinder::filesIn;
            return os == Abi.Os.MACOS
                    ? OsLibraries.macos(name, System.getenv(), dirs)
                    : OsLibraries.windows(name, System.getenv(), dirs);
        }
        if (name.contains("/") || name.endsWith(".so") || name.contains(".so.")) {
            return new Search(name, name, List.of());
        }
        String base = name.startsWith("lib") ? name.substring(3) : name;
        String pattern = "lib" + base + ".so*";
        List<String> tried = new ArrayList<>();
        Optional<String> cached = fromCache(base);
        tried.add("the dynamic linker's cache (ldconfig -p): "
                + cached.map(path -> "found " + path).orElse(ldCache().isEmpty() ? "cannot be read" : "no " + pattern));
        Optional<String> found = cached.or(() -> fromDirectories(base, tried));
        return new Search(name, found.orElse(name), List.copyOf(tried));
    }

    private static List<String> filesIn(String dir) {
        try (Stream<Path> files = Files.list(Path.of(dir))) {
            return files.map(f -> f.getFileName().toString()).toList();
        } catch (IOException | RuntimeException e) {
            return List.of(); // missing or unreadable: nothing found there
        }
    }

    private static Optional<String> fromCache(String base) {
        String prefix = "lib" + base + ".so";
        String arch = Abi.current().ldconfigArch();
        Optional<String> best = Optional.empty();
        for (String line : ldCache()) {
            String entry = line.strip();
            if (!entry.startsWith(prefix) || entry.indexOf(' ') < prefix.length()) {
                continue;
            }
            String soname = entry.substring(0, entry.indexOf(' '));
            if (!soname.equals(prefix) && !soname.startsWith(prefix + ".")) {
                continue;
            }
            int arrow = entry.indexOf("=> ");
            if (arrow < 0 || !entry.contains(arch)) {
                continue;
            }
            String path = entry.substring(arrow + 3).strip();
            if (soname.startsWith(prefix + ".") || best.isEmpty()) {
                best = Optional.of(
                        path); // a versioned soname is the runtime library; the bare .so may be a linker script
            }
        }
        return best;
    }

    private static List<String> ldCache() {
        List<String> cache = ldCache;
        if (cache == null) {
            cache = readLdCache();
            ldCache = cache;
        }
        return cache;
    }

    private static List<String> readLdCache() {
        for (String ldconfig : List.of("/sbin/ldconfig", "/usr/sbin/ldconfig", "ldconfig")) {
            try {
                Process p = new ProcessBuilder(ldconfig, "-p")
                        .redirectErrorStream(true)
                        .start();
                byte[] out = p.getInputStream().readAllBytes();
                if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return List.of(new String(out, StandardCharsets.UTF_8).split("\n"));
                }
            } catch (IOException e) {
                // try the next location
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return List.of();
    }

    // The standard directories in order, until one has the library (the shortest name there: the
    // bare .so before versioned ones); each directory looked at is added to tried, with its answer.
    private static Optional<String> fromDirectories(String base, List<String> tried) {
        String prefix = "lib" + base + ".so";
        for (String dir : Abi.current().libraryDirectories()) {
            Path d = Path.of(dir);
            if (!Files.isDirectory(d)) {
                continue;
            }
            Optional<String> shortest;
            try (Stream<Path> files = Files.list(d)) {
                shortest = files.map(f -> f.getFileName().toString())
                        .filter(n -> n.equals(prefix) || n.startsWith(prefix + "."))
                        .min(Comparator.comparingInt(String::length))
                        .map(n -> d.resolve(n).toString());
            } catch (IOException e) {
                tried.add(dir + ": cannot be read");
                continue;
            }
            tried.add(d.resolve(prefix) + "*: "
                    + shortest.map(path -> "found " + path).orElse("no such file"));
            if (shortest.isPresent()) {
                return shortest;
            }
        }
        return Optional.empty();
    }
}

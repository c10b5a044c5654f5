package org.cffi4j.internal.ffm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.cffi4j.internal.platform.Abi;

/**
 * Finds a library by short name ({@code "z"}, {@code "sqlite3"}, {@code "m"}) the way Python's
 * {@code ctypes.util.find_library} does on Linux: the dynamic linker's cache ({@code ldconfig -p}),
 * then the platform's standard directories. A file name or path is used as it is.
 */
public final class LibraryFinder {
    private static volatile List<String> ldCache;

    private LibraryFinder() {}

    /** What to pass to dlopen for a name: a path or soname, unchanged if it already looks like one. */
    public static String resolve(String name) {
        if (name.contains("/") || name.endsWith(".so") || name.contains(".so.")) {
            return name;
        }
        String base = name.startsWith("lib") ? name.substring(3) : name;
        return fromCache(base).or(() -> fromDirectories(base)).orElse(name);
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

    private static Optional<String> fromDirectories(String base) {
        String prefix = "lib" + base + ".so";
        List<Path> found = new ArrayList<>();
        for (String dir : Abi.current().libraryDirectories()) {
            Path d = Path.of(dir);
            if (!Files.isDirectory(d)) {
                continue;
            }
            try (Stream<Path> files = Files.list(d)) {
                files.filter(f -> {
                            String n = f.getFileName().toString();
                            return n.equals(prefix) || n.startsWith(prefix + ".");
                        })
                        .forEach(found::add);
            } catch (IOException e) {
                // unreadable directory: skip it
            }
            if (!found.isEmpty()) {
                break;
            }
        }
        return found.stream().map(Path::toString).max((a, b) -> Integer.compare(b.length(), a.length()));
    }
}

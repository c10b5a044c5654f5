package org.cffi4j.internal.lib;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.cffi4j.internal.platform.Abi;

/**
 * How each operating system names and finds a library, as pure functions of the platform, the
 * name, the environment and what the directories hold, so that the search of every OS can be
 * tested on any one: {@code libz.so*} through the dynamic linker's cache on Linux ({@link
 * LibraryFinder}); {@code libz.dylib} or {@code libz.1.dylib} in {@code DYLD_LIBRARY_PATH}, {@code
 * /usr/local/lib}, {@code /opt/homebrew/lib} and {@code /usr/lib} on macOS, else the dyld shared
 * cache; {@code z.dll}, {@code libz.dll} or a versioned name such as {@code zlib1.dll} in the
 * {@code PATH} on Windows, else the system directories.
 */
public final class OsLibraries {
    private OsLibraries() {}

    /** The file names in a directory; empty if it does not exist or cannot be read. */
    @FunctionalInterface
    public interface Directories {
        /**
         * The names of the files in {@code dir}.
         *
         * @param dir a directory path
         * @return its file names, in any order
         */
        List<String> list(String dir);
    }

    /**
     * The name of the thread's {@code errno} accessor in the C runtime: a function returning its
     * address.
     */
    public static String errnoFunction(Abi.Os os) {
        return switch (os) {
            case LINUX -> "__errno_location";
            case MACOS -> "__error";
            case WINDOWS -> "_errno";
        };
    }

    /**
     * What {@code dlopen(NULL)} opens besides the running program: the C runtime, in the order to
     * try. Empty on Linux, where the program's own handle already has libc.
     */
    public static List<String> cRuntime(Abi.Os os) {
        return switch (os) {
            case LINUX -> List.of();
            case MACOS -> List.of("/usr/lib/libSystem.B.dylib");
            case WINDOWS -> List.of("ucrtbase.dll", "msvcrt.dll");
        };
    }

    /**
     * The search of a library name on macOS: a path, a {@code .dylib} or a framework is used as it
     * is; else each directory of {@code DYLD_LIBRARY_PATH}, then {@code DYLD_FALLBACK_LIBRARY_PATH}
     * (by default {@code /usr/local/lib}, {@code /opt/homebrew/lib}, {@code /usr/lib}) is looked in
     * for {@code libNAME.dylib}, {@code NAME.dylib}, then a versioned {@code libNAME.N.dylib}; if
     * none has it, {@code libNAME.dylib} is left to dlopen, which also
     * finds the system libraries of the dyld shared cache (no file on disk since macOS 11).
     */
    public static LibraryFinder.Search macos(String name, Map<String, String> env, Directories dirs) {
        if (name.contains("/") || name.endsWith(".dylib")) {
            return new LibraryFinder.Search(name, name, List.of());
        }
        String base = name.startsWith("lib") ? name.substring(3) : name;
        List<String> directories = new ArrayList<>(pathList(env.get("DYLD_LIBRARY_PATH"), ":"));
        String fallback = env.get("DYLD_FALLBACK_LIBRARY_PATH");
        directories.addAll(
                fallback != null
                        ? pathList(fallback, ":")
                        : List.of("/usr/local/lib", "/opt/homebrew/lib", "/usr/lib"));
        Pattern versioned = Pattern.compile("lib" + Pattern.quote(base) + "\\.[0-9][0-9.]*\\.dylib");
        List<String> exact = List.of("lib" + base + ".dylib", base + ".dylib");
        String leftToDlopen = "lib" + base + ".dylib";
        return search(
                name,
                directories,
                exact,
                versioned,
                "lib" + base + "*.dylib",
                dirs,
                leftToDlopen,
                "dlopen's own search (the dyld shared cache): " + leftToDlopen);
    }

    /**
     * The search of a library name on Windows: a path or a {@code .dll} is used as it is; else each
     * directory of {@code PATH} is looked in for {@code NAME.dll} and {@code libNAME.dll}, then for
     * a versioned name ({@code zlib1.dll}, {@code libNAME-1.dll}, {@code NAME3.dll}); if none has
     * it, {@code NAME.dll} is left to LoadLibrary, which searches the system directories.
     */
    public static LibraryFinder.Search windows(String name, Map<String, String> env, Directories dirs) {
        if (name.contains("/")
                || name.contains("\\")
                || name.toLowerCase(java.util.Locale.ROOT).endsWith(".dll")) {
            return new LibraryFinder.Search(name, name, List.of());
        }
        String path = env.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase("PATH"))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
        Pattern versioned =
                Pattern.compile("(lib)?" + Pattern.quote(name) + "(lib)?-?[0-9]+\\.dll", Pattern.CASE_INSENSITIVE);
        String leftToLoadLibrary = name + ".dll";
        return search(
                name,
                pathList(path, ";"),
                List.of(name + ".dll", "lib" + name + ".dll"),
                versioned,
                name + "*.dll",
                dirs,
                leftToLoadLibrary,
                "LoadLibrary's own search (the system directories): " + leftToLoadLibrary);
    }

    // Each directory in order: the exact names in order, then the shortest versioned name.
    private static LibraryFinder.Search search(
            String name,
            List<String> directories,
            List<String> exact,
            Pattern versioned,
            String shownPattern,
            Directories dirs,
            String fallback,
            String fallbackTried) {
        List<String> tried = new ArrayList<>();
        for (String dir : directories) {
            List<String> files = dirs.list(dir);
            Optional<String> found = exact.stream().filter(files::contains).findFirst();
            if (found.isEmpty()) {
                found = files.stream()
                        .filter(f -> versioned.matcher(f).matches())
                        .min(Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder()));
            }
            String where = dir.endsWith("/") || dir.endsWith("\\") ? dir : dir + separator(dir);
            tried.add(where + shownPattern + ": "
                    + found.map(f -> "found " + where + f).orElse("no such file"));
            if (found.isPresent()) {
                return new LibraryFinder.Search(name, where + found.get(), List.copyOf(tried));
            }
        }
        tried.add(fallbackTried);
        return new LibraryFinder.Search(name, fallback, List.copyOf(tried));
    }

    private static String separator(String dir) {
        return dir.contains("\\") ? "\\" : "/";
    }

    private static List<String> pathList(String value, String separator) {
        if (value == null || value.isEmpty()) {
            return List.of();
        }
        return java.util.Arrays.stream(value.split(Pattern.quote(separator)))
                .filter(d -> !d.isEmpty())
                .toList();
    }
}

package org.cffi4j.internal.api;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.cffi4j.FFIException;
import org.cffi4j.internal.lib.Dl;

/**
 * Loads a compiled module so that what runs is exactly what was checked. The library's bytes go
 * into a sealed in-memory file ({@code memfd_create}, then {@code F_SEAL_WRITE}, {@code
 * F_SEAL_SHRINK}, {@code F_SEAL_GROW} and {@code F_SEAL_SEAL}); the hash is computed from that file
 * after sealing, and {@code dlopen} maps that same file through {@code /proc/self/fd/N}. Once
 * sealed, no process (this one, another of the same user, root) can change its content, so there
 * is no window between the check and the load. (Opening the cached file with {@code O_NOFOLLOW},
 * hashing it from the descriptor and loading {@code /proc/self/fd/N} would not close it: anyone
 * allowed to write the file could still change it between the hash and the mapping, and a
 * mapped file changed or truncated later changes or kills the running code.)
 *
 * <p>Each module is loaded once per process: its sealed file stays open, and loading the module
 * again opens the same file, which the dynamic loader recognises; so two {@code compile()}s of the
 * same inputs share one module and its {@code extern "Java"} functions.
 */
final class ModuleLoader {
    private static final Map<String, Integer> SEALED = new ConcurrentHashMap<>();

    private ModuleLoader() {}

    /** The module cached at {@code place} if this process already loaded it, opened again; else null. */
    static MemorySegment reopen(String place) {
        Integer fd = SEALED.get(place);
        return fd == null ? null : Dl.open(path(fd), GeneratedNames.DLOPEN_FLAGS);
    }

    /**
     * Loads {@code bytes} as the module cached at {@code place} if their content hash is {@code hash}.
     *
     * @return the handle, or null if the content is not what {@code hash} records
     * @throws FFIException if the module does not load (with the loader's reason)
     */
    static MemorySegment load(String place, byte[] bytes, String hash, Path cachedAs) {
        String name = cachedAs.getFileName().toString();
        int fd = Posix.sealedMemoryFile(name.substring(0, name.indexOf('-')), bytes);
        boolean kept = false;
        try {
            String sealed = BuildCache.contentHash(Files.readAllBytes(Path.of(path(fd))));
            if (!sealed.equals(hash)) {
                return null;
            }
            MemorySegment handle;
            try {
                handle = Dl.open(path(fd), GeneratedNames.DLOPEN_FLAGS);
            } catch (FFIException e) {
                throw new FFIException(
                        "API mode: cannot load the module cached as " + cachedAs + ": " + e.getMessage(), e);
            }
            SEALED.put(place, fd);
            kept = true;
            return handle;
        } catch (IOException e) {
            throw new FFIException("API mode: cannot read back the in-memory copy of " + cachedAs + ": " + e, e);
        } finally {
            if (!kept) {
                Posix.close(fd);
            }
        }
    }

    /** The sealed file of the module loaded for {@code place}, readable for the life of the process. */
    static Path loadedFile(String place) {
        return Path.of(path(SEALED.get(place)));
    }

    private static String path(int fd) {
        return "/proc/self/fd/" + fd;
    }
}

package org.cffi4j.internal.api;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cffi4j.FFIException;
import org.cffi4j.internal.lib.Dl;

/**
 * The glue libraries of generated API-mode bindings, packed as resources: loaded as {@link
 * ModuleLoader} loads a compiled module, from a sealed in-memory file whose content hash is checked
 * after sealing, so what runs is exactly what the build packed — no file is written, no cache
 * directory is needed.
 */
public final class PackedLibraries {
    private PackedLibraries() {}

    /** The content hash a packed library is named and checked by. */
    public static String contentHash(byte[] bytes) {
        return BuildCache.contentHash(bytes);
    }

    /**
     * Loads a packed glue library.
     *
     * @param name the library's resource name, for the in-memory file and messages
     * @param bytes the library
     * @param expectedHash the hash the generator recorded
     * @return the handle
     * @throws FFIException if the bytes are not what the generator packed, or do not load
     */
    public static MemorySegment load(String name, byte[] bytes, String expectedHash) {
        int fd = Posix.sealedMemoryFile(name, bytes);
        boolean kept = false;
        try {
            String path = "/proc/self/fd/" + fd;
            String sealed = BuildCache.contentHash(Files.readAllBytes(Path.of(path)));
            if (!sealed.equals(expectedHash)) {
                throw new FFIException("the packed library " + name + " is not the one the binding was generated"
                        + " with (content hash " + sealed + ", expected " + expectedHash + "): generate it again");
            }
            MemorySegment handle = Dl.open(path, GeneratedNames.DLOPEN_FLAGS);
            kept = true; // the loaded library keeps its file: the descriptor stays open for the process
            return handle;
        } catch (IOException e) {
            throw new FFIException("cannot read back the in-memory copy of " + name + ": " + e, e);
        } finally {
            if (!kept) {
                Posix.close(fd);
            }
        }
    }

    /** The bytes of the module the last build loaded for {@code module}: what a generator packs. */
    public static byte[] bytesOf(ApiModule module) {
        try {
            return Files.readAllBytes(module.library());
        } catch (IOException e) {
            throw new FFIException("cannot read the compiled library " + module.library() + ": " + e, e);
        }
    }
}

package org.cffi4j.internal.api;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.cffi4j.FFIException;

/**
 * Where compiled modules are kept, in a {@link CacheDirectory}: one entry per hash of everything
 * that affects the result (the generated C, the options, the extra C files, the compiler's
 * identity). The library of an entry is the file {@code <module>-<key>-<hash>.so}, named by the
 * hash of its own content (the first 128 bits of its SHA-256): it is published by an atomic rename of a complete file, so a reader
 * sees all of it or nothing, and a file whose content is not the one its name records is never
 * loaded (see {@link ModuleLoader}). Concurrent builds of one entry each publish a complete file;
 * whichever a later reader finds is correct.
 */
final class BuildCache {
    private static final long MAX_LIBRARY_SIZE = 1L << 30;

    private final Path dir;
    private final String entry;

    /** The cache entry {@code <module>-<key>} in the checked directory {@code dir}. */
    BuildCache(Path dir, String module, String key) {
        this.dir = dir;
        this.entry = module + "-" + key;
    }

    /** The entry's name, {@code <module>-<key>}. */
    String entry() {
        return entry;
    }

    /** The entry's place: the same entry of another cache directory is another module. */
    String place() {
        return dir.resolve(entry).toString();
    }

    /** A library found in the cache, with the hash its name records for it. */
    record Candidate(Path file, byte[] bytes, String recordedHash) {}

    /** The libraries of the entry, read once each; a file that cannot be read is skipped. */
    List<Candidate> candidates() {
        List<Candidate> found = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, entry + "-*.so")) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                String hash = name.substring(entry.length() + 1, name.length() - ".so".length());
                if (hash.matches("[0-9a-f]{32}")) {
                    byte[] bytes = read(f);
                    if (bytes != null) {
                        found.add(new Candidate(f, bytes, hash));
                    }
                }
            }
        } catch (IOException e) {
            throw new FFIException("API mode: cannot read the cache directory " + dir + ": " + e.getMessage(), e);
        }
        return found;
    }

    // Read through a descriptor that does not follow a symbolic link, and bounded.
    private static byte[] read(Path f) throws IOException {
        if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
            return null; // not a library this cache wrote (and a FIFO would block the read)
        }
        try (SeekableByteChannel ch =
                Files.newByteChannel(f, Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))) {
            long size = ch.size();
            if (size > MAX_LIBRARY_SIZE) {
                return null;
            }
            ByteBuffer b = ByteBuffer.allocate((int) size);
            while (b.hasRemaining() && ch.read(b) >= 0) {
                // reads until full or end of file
            }
            return b.hasRemaining() ? null : b.array();
        } catch (java.nio.file.FileSystemException e) {
            return null; // removed meanwhile, or a symbolic link (ELOOP)
        }
    }

    /** Removes a library whose content is not what its name records (a damaged or replaced file). */
    void discard(Candidate c) {
        try {
            Files.deleteIfExists(c.file());
        } catch (IOException ignored) {
            // then it is left, and refused again next time
        }
    }

    /** A new private directory inside the cache to build in, so that the published files appear whole. */
    Path newWorkDirectory() {
        try {
            return Files.createTempDirectory(dir, entry + ".tmp"); // mode 0700
        } catch (IOException e) {
            throw cannotWrite(e);
        }
    }

    /**
     * Publishes a built library and the C it was built from (atomic renames into the cache) and
     * returns the library's content and hash.
     */
    Candidate publish(Path builtLibrary, Path cFile) {
        try {
            byte[] bytes = Files.readAllBytes(builtLibrary);
            String hash = contentHash(bytes);
            Path target = dir.resolve(entry + "-" + hash + ".so");
            Files.move(builtLibrary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Files.move(
                    cFile,
                    dir.resolve(entry + ".c"),
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            return new Candidate(target, bytes, hash);
        } catch (IOException e) {
            throw cannotWrite(e);
        }
    }

    private FFIException cannotWrite(IOException e) {
        return new FFIException("API mode: cannot write in the cache directory " + dir + ": " + e.getMessage(), e);
    }

    /** Removes a work directory; a leftover one is harmless. */
    static void deleteQuietly(Path work) {
        try (var files = Files.walk(work)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temporary directory is harmless
        }
    }

    /** The text of the extra C files, for the key: editing one must compile again. */
    static String contents(List<String> files) {
        StringBuilder all = new StringBuilder();
        for (String f : files) {
            try {
                all.append(Files.readString(Path.of(Toolchain.absolute(f)), StandardCharsets.ISO_8859_1))
                        .append('\0');
            } catch (IOException e) {
                all.append("unreadable: ").append(e.getMessage()).append('\0'); // the compiler will say why
            }
        }
        return all.toString();
    }

    /** A hex SHA-256 of the parts, shortened: the key of an entry. */
    static String key(String... parts) {
        MessageDigest md = sha256();
        for (String p : parts) {
            md.update(p.getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
        }
        return HexFormat.of().formatHex(md.digest()).substring(0, 24);
    }

    /**
     * What names a library by its content: the first 128 bits of its SHA-256, in hex (so that a
     * module name of up to 190 characters still makes a file name).
     */
    static String contentHash(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes)).substring(0, 32);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

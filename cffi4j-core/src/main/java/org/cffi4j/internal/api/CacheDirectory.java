package org.cffi4j.internal.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.cffi4j.FFIException;

/**
 * The API-mode cache directory, checked before anything in it is trusted, as ssh checks its key
 * directories: it must belong to the user running this JVM and be writable by nobody else; every
 * directory above it must belong to that user or to root and be writable by nobody else, unless it
 * has the sticky bit (as {@code /tmp} has: others cannot rename or delete what is ours there).
 * Otherwise another user could put a library there, or replace the directory, and this JVM would
 * load it. Once these hold, no other user can change anything on the path, so the paths below it
 * can be trusted without opening each file relative to a checked descriptor.
 */
final class CacheDirectory {
    private static final int GROUP_WRITE = 0020;
    private static final int OTHERS_WRITE = 0002;
    private static final int STICKY = 01000;
    private static final String CHOOSE = "(system property cffi4j.cache, environment variable CFFI4J_CACHE)";

    private CacheDirectory() {}

    /**
     * The cache directory, created (private) if missing, as its real path.
     *
     * @throws FFIException if it or a directory above it could be changed by another user
     */
    static Path open() {
        // The property first: a JVM cannot change its own environment (tests, embedding applications).
        String configured = System.getProperty("cffi4j.cache");
        if (configured == null || configured.isBlank()) {
            configured = System.getenv("CFFI4J_CACHE");
        }
        Path dir = configured != null && !configured.isBlank()
                ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".cache", "cffi4j");
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new FFIException("the API-mode cache directory " + dir + " is not a directory");
        }
        Path real;
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(
                        dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            real = dir.toRealPath();
        } catch (IOException e) {
            throw new FFIException("cannot create the API-mode cache directory " + dir + ": " + e.getMessage(), e);
        }
        String shown = real.equals(dir.toAbsolutePath()) ? real.toString() : dir + " (" + real + ")";
        if (!Files.isDirectory(real)) {
            throw new FFIException("the API-mode cache directory " + shown + " is not a directory");
        }
        check(real, shown);
        return real;
    }

    private static void check(Path real, String shown) {
        int me = Posix.geteuid();
        Attributes own = Attributes.of(real);
        if (own.uid != me) {
            throw refused(
                    shown,
                    "it belongs to user '" + own.owner + "', not to the user running this JVM (uid " + me
                            + "), so another user could put a library there that this JVM would load; choose a directory of"
                            + " your own " + CHOOSE);
        }
        if ((own.mode & (GROUP_WRITE | OTHERS_WRITE)) != 0) {
            throw refused(
                    shown,
                    "it is writable by " + writers(own.mode) + " (mode " + own.octal()
                            + "), so another user could put a library there that this JVM would load; make it private"
                            + " ('chmod 700 " + real + "') or choose another directory " + CHOOSE);
        }
        for (Path p = real.getParent(); p != null; p = p.getParent()) {
            Attributes a = Attributes.of(p);
            if (a.uid != me && a.uid != 0) {
                throw refused(
                        shown,
                        "it is inside " + p + ", which belongs to user '" + a.owner
                                + "', so that user could replace the cache directory; choose a directory whose parents"
                                + " only you and root can change " + CHOOSE);
            }
            if ((a.mode & (GROUP_WRITE | OTHERS_WRITE)) != 0 && (a.mode & STICKY) == 0) {
                throw refused(
                        shown,
                        "it is inside " + p + ", which is writable by " + writers(a.mode) + " (mode "
                                + a.octal() + ", without the sticky bit), so another user could replace the cache"
                                + " directory; choose a directory whose parents only you and root can change "
                                + CHOOSE);
            }
        }
    }

    private static String writers(int mode) {
        boolean group = (mode & GROUP_WRITE) != 0;
        boolean others = (mode & OTHERS_WRITE) != 0;
        return group && others ? "its group and by all users" : group ? "its group" : "all users";
    }

    private static FFIException refused(String shown, String problem) {
        return new FFIException("API mode refuses the cache directory " + shown + ": " + problem);
    }

    private record Attributes(int uid, int mode, String owner) {
        static Attributes of(Path p) {
            try {
                int uid = (Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
                int mode = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
                String owner = Files.getOwner(p, LinkOption.NOFOLLOW_LINKS).getName();
                return new Attributes(uid, mode, owner);
            } catch (IOException | UnsupportedOperationException e) {
                throw new FFIException("API mode cannot check who may change " + p + ": " + e.getMessage(), e);
            }
        }

        String octal() {
            return String.format("%04o", mode & 07777);
        }
    }
}

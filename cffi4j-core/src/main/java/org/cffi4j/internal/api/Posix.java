package org.cffi4j.internal.api;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import org.cffi4j.FFIException;

/**
 * The few system calls the API-mode cache needs that Java does not offer: the effective user id,
 * and a sealed in-memory file ({@code memfd_create}, {@code fcntl(F_ADD_SEALS)}) to load a module
 * from bytes that nothing can change any more.
 */
final class Posix {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

    private static final int MFD_CLOEXEC = 1;
    private static final int MFD_ALLOW_SEALING = 2;
    private static final int F_ADD_SEALS = 1033;
    private static final int F_SEAL_SEAL = 1;
    private static final int F_SEAL_SHRINK = 2;
    private static final int F_SEAL_GROW = 4;
    private static final int F_SEAL_WRITE = 8;

    private Posix() {}

    // Each handle is built on first use (a new downcall shape costs milliseconds in a fresh JVM):
    // a load needs geteuid, memfd_create and fcntl; close and strerror only on a failure.
    private static final class Geteuid {
        static final MethodHandle H = handle("geteuid", FunctionDescriptor.of(ValueLayout.JAVA_INT));
    }

    private static final class MemfdCreate {
        static final MethodHandle H = handle(
                "memfd_create",
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT),
                CAPTURE_ERRNO);
    }

    private static final class Fcntl {
        static final MethodHandle H = handle(
                "fcntl",
                FunctionDescriptor.of(
                        ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT),
                CAPTURE_ERRNO,
                Linker.Option.firstVariadicArg(2));
    }

    private static final class Close {
        static final MethodHandle H =
                handle("close", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    }

    private static final class Strerror {
        static final MethodHandle H =
                handle("strerror", FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    }

    private static MethodHandle handle(String name, FunctionDescriptor fd, Linker.Option... options) {
        MemorySegment symbol = LINKER.defaultLookup()
                .find(name)
                .orElseThrow(() -> new FFIException("API mode needs '" + name + "' from the C library, which this"
                        + " system's C library lacks (glibc 2.27 or later has it)"));
        return LINKER.downcallHandle(symbol, fd, options);
    }

    /** The effective user id of this process: the owner its files get. */
    static int geteuid() {
        try {
            return (int) Geteuid.H.invokeExact();
        } catch (Throwable t) {
            throw new FFIException("geteuid failed: " + t, t);
        }
    }

    /**
     * A new in-memory file holding {@code bytes} and sealed: neither this process nor any other can
     * change, grow or shrink it any more. Returns its file descriptor, which stays open (and not
     * inherited by child processes).
     */
    static int sealedMemoryFile(String name, byte[] bytes) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            int fd = (int) MemfdCreate.H.invokeExact(
                    state,
                    arena.allocateFrom(name.substring(0, Math.min(name.length(), 200))),
                    MFD_CLOEXEC | MFD_ALLOW_SEALING);
            if (fd < 0) {
                throw failure("memfd_create", state);
            }
            try {
                fill(fd, bytes, state);
                return fd;
            } catch (Throwable t) {
                int ignored = (int) Close.H.invokeExact(fd);
                throw t;
            }
        } catch (FFIException e) {
            throw e;
        } catch (Throwable t) {
            throw new FFIException("API mode: cannot make an in-memory copy of the module: " + t, t);
        }
    }

    /** Closes a file descriptor. */
    static void close(int fd) {
        try {
            int ignored = (int) Close.H.invokeExact(fd);
        } catch (Throwable t) {
            throw new FFIException("close failed: " + t, t);
        }
    }

    // Written through the file's /proc/self/fd entry (a second open of the same in-memory file),
    // then sealed.
    private static void fill(int fd, byte[] bytes, MemorySegment state) throws Throwable {
        java.nio.file.Files.write(java.nio.file.Path.of("/proc/self/fd/" + fd), bytes);
        int seals = F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE;
        if ((int) Fcntl.H.invokeExact(state, fd, F_ADD_SEALS, seals) != 0) {
            throw failure("sealing the in-memory file", state);
        }
    }

    private static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    private static FFIException failure(String what, MemorySegment state) throws Throwable {
        int errno = errno(state);
        MemorySegment text = (MemorySegment) Strerror.H.invokeExact(errno);
        return new FFIException(
                "API mode: " + what + " failed: " + text.reinterpret(256).getString(0) + " (errno " + errno + ")");
    }
}

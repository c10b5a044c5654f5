package org.cffi4j.internal.lib;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.function.UnaryOperator;
import org.cffi4j.FFIException;

/**
 * The dynamic loader, called directly ({@code dlopen}, {@code dlsym}, {@code dlclose}) so that the
 * RTLD flags are honoured and a library can really be closed, which FFM's own lookups do not offer.
 */
public final class Dl {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle DLOPEN =
            libc("dlopen", FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    private static final MethodHandle DLSYM =
            libc("dlsym", FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS));

    // Each new downcall shape costs milliseconds in a fresh JVM: the handles that a successful load
    // does not need are built on first use.
    private static final class Closing {
        static final MethodHandle DLCLOSE =
                libc("dlclose", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
    }

    private static final class Errors {
        static final MethodHandle DLERROR = libc("dlerror", FunctionDescriptor.of(ValueLayout.ADDRESS));

        static void ensureLinked() {
            // initialising this class builds the handle
        }
    }

    private Dl() {}

    private static MethodHandle libc(String name, FunctionDescriptor fd) {
        MemorySegment sym = LINKER.defaultLookup()
                .find(name)
                .orElseThrow(() -> new ExceptionInInitializerError("the C runtime has no '" + name + "'"));
        return LINKER.downcallHandle(sym, fd);
    }

    /**
     * Opens a library ({@code null}: the running process and the C runtime).
     *
     * @throws FFIException with the loader's own message if the library cannot be loaded
     */
    public static MemorySegment open(String path, int flags) {
        return open(path, flags, error -> "cannot load library '" + path + "': " + error);
    }

    /**
     * {@link #open(String, int)} whose error message, if the library cannot be loaded, is {@code
     * failure} applied to the loader's own message.
     */
    public static MemorySegment open(String path, int flags, UnaryOperator<String> failure) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment name = path == null ? MemorySegment.NULL : arena.allocateFrom(path);
            MemorySegment handle = (MemorySegment) DLOPEN.invokeExact(name, flags);
            if (handle.equals(MemorySegment.NULL)) {
                // Building the dlerror handle may use the loader, which clears its message: build
                // it, then fail once more so that dlerror reads this library's message.
                Errors.ensureLinked();
                handle = (MemorySegment) DLOPEN.invokeExact(name, flags);
                if (handle.equals(MemorySegment.NULL)) {
                    throw new FFIException(failure.apply(lastError()));
                }
            }
            return handle;
        } catch (FFIException e) {
            throw e;
        } catch (Throwable t) {
            throw new FFIException(failure.apply(t.toString()), t);
        }
    }

    /** The address of a symbol, or {@link MemorySegment#NULL} if the library has none. */
    public static MemorySegment symbol(MemorySegment handle, String name) {
        try (Arena arena = Arena.ofConfined()) {
            return (MemorySegment) DLSYM.invokeExact(handle, arena.allocateFrom(name));
        } catch (Throwable t) {
            throw new FFIException("cannot look up '" + name + "': " + t, t);
        }
    }

    /** Closes a library handle. */
    public static void close(MemorySegment handle) {
        Errors.ensureLinked(); // now, for the message would not survive its building after a failure
        try {
            int rc = (int) Closing.DLCLOSE.invokeExact(handle);
            if (rc != 0) {
                throw new FFIException("dlclose failed: " + lastError());
            }
        } catch (FFIException e) {
            throw e;
        } catch (Throwable t) {
            throw new FFIException("dlclose failed: " + t, t);
        }
    }

    private static String lastError() throws Throwable {
        MemorySegment msg = (MemorySegment) Errors.DLERROR.invokeExact();
        return msg.equals(MemorySegment.NULL)
                ? "unknown error"
                : msg.reinterpret(4096).getString(0);
    }
}

package org.cffi4j.support;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.cffi4j.FFIException;
import org.cffi4j.internal.embed.EmbeddedLibraries;

/**
 * The Java side of an embedded library (a C library built by {@code cffi4j embed} whose functions
 * are Java methods). The library's C calls {@code start} through JNI once, at the first call of
 * any of its functions, from whichever C thread makes it; nothing else calls it.
 */
public final class EmbeddedLibrary {
    private EmbeddedLibrary() {}

    /**
     * Fills the library's function slots with upcall stubs to the methods of {@code className}.
     * Private: only the library's C calls it (JNI ignores access), so no Java code can write slots.
     *
     * @return null when every function has its method, else the report the C side prints
     */
    @SuppressWarnings("unused")
    private static String start(
            ClassLoader loader,
            String library,
            String className,
            String cdef,
            String names,
            long slots,
            String classPath) {
        try {
            EmbeddedLibraries.start(loader, library, className, cdef, names, slots, classPath);
            return null;
        } catch (FFIException e) {
            return e.getMessage();
        } catch (Throwable t) {
            StringWriter trace = new StringWriter();
            t.printStackTrace(new PrintWriter(trace));
            return "starting it failed: " + trace;
        }
    }
}

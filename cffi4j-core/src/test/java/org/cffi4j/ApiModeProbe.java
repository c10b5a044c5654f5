package org.cffi4j;

/** What the API-mode tests (in other packages) may ask an FFI beyond its public API. */
public final class ApiModeProbe {
    private ApiModeProbe() {}

    /** Whether the last {@link FFI#compile()} of {@code ffi} ran the C compiler (false: the cache had it). */
    public static boolean lastCompileCompiled(FFI ffi) {
        return ffi.lastCompileCompiled();
    }
}

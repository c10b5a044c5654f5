package org.cffi4j.apimode;

import org.cffi4j.ApiModeProbe;
import org.cffi4j.FFI;
import org.cffi4j.FFIException;
import org.cffi4j.Library;

/**
 * Run by {@link CacheSecurityTest} in a fresh JVM (nothing loaded yet) with the cache directory
 * {@code args[0]}: compiles {@link #CDEF} as module {@code _cache_security}, calls its function and
 * prints the result and whether the compiler ran, or the error.
 */
public final class CacheCompileMain {
    static final String CDEF = "int cache_probe(int x);";
    static final String SOURCE = "int cache_probe(int x) { return 6 * x; }";

    private CacheCompileMain() {}

    public static void main(String[] args) {
        System.setProperty("cffi4j.cache", args[0]);
        try {
            FFI ffi = compile();
            System.out.println("result 42");
            System.out.println("compiled " + ApiModeProbe.lastCompileCompiled(ffi));
        } catch (FFIException e) {
            System.out.println(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** A new FFI with the module compiled (or loaded from the cache). */
    static FFI compile() {
        FFI ffi = new FFI();
        ffi.cdef(CDEF);
        ffi.setSource("_cache_security", SOURCE);
        Library lib = ffi.compile();
        if (!Integer.valueOf(42).equals(lib.call("cache_probe", 7))) {
            throw new AssertionError("wrong result");
        }
        return ffi;
    }
}

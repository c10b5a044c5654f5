package org.cffi4j.apimode;

import org.cffi4j.FFI;
import org.cffi4j.Library;

/**
 * Run by {@link ExternJavaTest} in a JVM of its own, whose stderr the test reads: calls an {@code
 * extern "Java"} function before {@code defExtern}, which C reports on its own stderr, and prints
 * what the call returned.
 */
public final class ExternJavaWarningMain {
    private ExternJavaWarningMain() {}

    public static void main(String[] args) {
        FFI ffi = new FFI();
        ffi.cdef("extern \"Java\" int on_event(int); int fire(int x);");
        ffi.setSource("_extern_java_warning", "int fire(int x) { return on_event(x); }");
        Library lib = ffi.compile();
        System.out.println("fire(5) = " + lib.call("fire", 5));
    }
}

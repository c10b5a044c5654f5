package org.cffi4j.apimode;

import org.cffi4j.FFI;
import org.cffi4j.FFIException;

/** Run by {@link SetupErrorsTest} in a JVM whose {@code CC} names no compiler: prints what compile() says. */
public final class CompileWithoutCompilerMain {
    private CompileWithoutCompilerMain() {}

    public static void main(String[] args) {
        FFI ffi = new FFI();
        ffi.cdef("int abs(int);");
        ffi.setSource("_no_compiler", "#include <stdlib.h>");
        try {
            ffi.compile();
            System.out.println("compiled");
        } catch (FFIException e) {
            System.out.println(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}

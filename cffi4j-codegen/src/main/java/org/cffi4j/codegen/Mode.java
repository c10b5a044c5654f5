package org.cffi4j.codegen;

/** How a generated binding reaches C, as CFFI's two modes. */
public enum Mode {
    /** Functions are looked up in the libraries by name; layouts are computed by cffi4j. */
    ABI,
    /**
     * The C compiler runs at build time on the declarations and a C source: layouts and {@code ...}
     * are what the compiler says, and macros, {@code static inline} functions and {@code long double}
     * go through a glue library compiled then and packed with the generated class.
     */
    API
}

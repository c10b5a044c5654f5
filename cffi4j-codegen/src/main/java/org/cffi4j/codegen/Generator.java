package org.cffi4j.codegen;

import org.cffi4j.CDefException;
import org.cffi4j.FFIException;

/**
 * Generates a binding class from a cdef: the one generator behind the command line's {@code
 * generate} and the Maven plugin.
 *
 * <p>It parses the cdef with the parser and type table of {@link org.cffi4j.FFI}; in API mode it
 * runs the C compiler once, as {@link org.cffi4j.FFI#compile()} does, and packs the glue library.
 * Nothing is produced when a declaration cannot be generated: the error names its cdef line.
 */
public final class Generator {
    private Generator() {}

    /**
     * Generates one binding.
     *
     * @param spec what to generate
     * @return the Java source and the resources to pack with it
     * @throws CDefException if a cdef does not parse, at its {@code file:line:col}
     * @throws FFIException if a declaration cannot be generated or API mode's compiler fails
     */
    public static GeneratedBinding generate(BindingSpec spec) {
        throw new FFIException("the generator is not written yet");
    }
}

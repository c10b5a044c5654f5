package org.cffi4j.misuse;

import org.cffi4j.FFIException;

/**
 * One row of the misuse table: the snippet, the exception it must throw and its message.
 *
 * @param group the forked JVM that runs the case (cases of a group share one JVM, one after the other)
 * @param name what the case misuses, unique in the table
 * @param snippet the misuse
 * @param thrown the exact class of the exception expected
 * @param message the exact message expected; an address other than NULL is written {@code 0x?}
 */
record MisuseCase(String group, String name, Snippet snippet, Class<? extends FFIException> thrown, String message) {
    @Override
    public String toString() {
        return group + ": " + name;
    }
}

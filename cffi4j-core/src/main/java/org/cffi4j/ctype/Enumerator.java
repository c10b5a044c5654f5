package org.cffi4j.ctype;

/**
 * A constant of an enum type.
 *
 * @param name its name
 * @param value its value (unsigned 64-bit values as two's complement)
 */
public record Enumerator(String name, long value) {}

package org.cffi4j.ctype;

/**
 * A parameter of a C function type.
 *
 * @param name the parameter's name in the declaration, or {@code null} if it had none
 * @param type its type, already adjusted as C does (arrays and functions become pointers)
 */
public record Param(String name, CType type) {}

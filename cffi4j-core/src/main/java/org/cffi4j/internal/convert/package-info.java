/**
 * Java values to C values and back, by the conversion table: integers with their ranges, pointers
 * with C's typing, casts, initialisers of structs and arrays, struct members (plain, bitfield,
 * const, flexible), wide strings, and the arguments and results of calls ({@link
 * org.cffi4j.internal.convert.ArgConverter}, {@link org.cffi4j.internal.convert.ReturnConverter}).
 */
package org.cffi4j.internal.convert;

/**
 * Calls from Java into C: the downcall of one C function ({@link
 * org.cffi4j.internal.call.Downcall}) and of a variadic one, the FFM layouts handed to the linker,
 * errno capture, the cdata arguments kept alive for a call, and the typed method handles of bound
 * methods with their filters.
 */
package org.cffi4j.internal.call;

/**
 * Embedding, the Java side: the functions of a C library whose implementations are Java methods.
 * The library's C (generated at build time) calls {@link org.cffi4j.support.EmbeddedLibrary} once,
 * from its first call; this package checks the cdef's functions, finds and adapts the Java method of
 * each, and writes their upcall stubs into the slots the C functions call through.
 */
package org.cffi4j.internal.embed;

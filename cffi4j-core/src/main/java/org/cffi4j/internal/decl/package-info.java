/**
 * The declarations of one FFI: {@link org.cffi4j.internal.decl.DeclarationTable} holds the ordinary
 * identifiers ({@link org.cffi4j.internal.decl.Declaration}: typedefs, functions, variables,
 * constants) and the struct, union and enum tags, with where and how the cdef spelled them. The
 * parser writes it; the FFI, libraries and API mode read it.
 */
package org.cffi4j.internal.decl;

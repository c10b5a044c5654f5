/**
 * API mode: the C source generated for a cdef and the user's source (checks, wrappers, the
 * addresses of globals), the compiler that builds it, the build cache that keeps the result safe
 * from other users, and the facts (layouts, constants, lengths) read back from the compiled module
 * to complete the cdef's types.
 */
package org.cffi4j.internal.api;

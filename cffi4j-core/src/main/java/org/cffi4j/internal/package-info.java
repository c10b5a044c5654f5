/**
 * cffi4j's internals, none of them exported: this package holds what every stage shares about the
 * type model, the one door to its mutations ({@link org.cffi4j.internal.TypeAccess}) and the
 * transaction that keeps a cdef's completions of older types until the cdef succeeds ({@link
 * org.cffi4j.internal.TypeTransaction}); each stage of the pipeline has a package below it.
 */
package org.cffi4j.internal;

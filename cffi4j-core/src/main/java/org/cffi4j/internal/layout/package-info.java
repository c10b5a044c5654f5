/**
 * Struct and union layouts as each platform's compiler computes them (gcc's rules, clang's variant,
 * Microsoft's): member offsets, sizes and alignments, bitfields, packing and alignment attributes,
 * with the facts of the platform's {@link org.cffi4j.internal.platform.Abi}. The parser hands it record specifications; it knows nothing of
 * C text.
 */
package org.cffi4j.internal.layout;

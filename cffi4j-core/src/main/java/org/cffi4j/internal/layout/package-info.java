/**
 * Struct and union layouts as gcc computes them: member offsets, sizes and alignments, bitfields,
 * packing and alignment attributes, with the platform's facts from {@link
 * org.cffi4j.internal.platform.Abi}. The parser hands it record specifications; it knows nothing of
 * C text.
 */
package org.cffi4j.internal.layout;

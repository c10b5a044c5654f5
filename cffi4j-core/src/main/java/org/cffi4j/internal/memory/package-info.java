/**
 * Native memory and its lifetimes: blocks from the C allocator ({@link
 * org.cffi4j.internal.memory.Memory}), when they are freed ({@link
 * org.cffi4j.internal.memory.Lifetime}, {@link org.cffi4j.internal.memory.Guard}), the door to a
 * cdata's memory, the temporaries of one call ({@link org.cffi4j.internal.memory.CallScope},
 * the per-thread scratch stack, C strings) and the handles behind {@code void *} user data.
 */
package org.cffi4j.internal.memory;

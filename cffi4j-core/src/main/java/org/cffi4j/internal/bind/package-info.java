/**
 * Binding a user's Java interface to C functions: checking each method against its C
 * declaration, and the hidden class (or proxy) that implements the interface, each method linked
 * on its first call.
 */
package org.cffi4j.internal.bind;

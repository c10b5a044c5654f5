/**
 * Binding a user's Java interface to C functions (checking each method against its C
 * declaration, each method linked on its first call) or to a struct's members (a typed view), and
 * the hidden class that implements it, defined where the interface can be seen (or a proxy, when a
 * named module leaves no such place).
 */
package org.cffi4j.internal.bind;

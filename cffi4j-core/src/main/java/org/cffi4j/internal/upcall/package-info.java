/**
 * Calls from C into Java (callbacks): upcall stubs for Java functions, the guard that keeps an
 * exception from reaching C, the stack headroom of nested callbacks, and what a user's module
 * must open for cffi4j to implement its interfaces.
 */
package org.cffi4j.internal.upcall;

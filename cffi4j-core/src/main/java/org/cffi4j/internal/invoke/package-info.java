/**
 * What the other packages build method handles with: one way to look up cffi4j's own methods
 * (failing as a bug of cffi4j), and the frame of the hidden classes that hold handles as
 * constants.
 */
package org.cffi4j.internal.invoke;

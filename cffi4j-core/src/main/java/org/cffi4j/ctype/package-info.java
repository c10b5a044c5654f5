/**
 * The C type model: a sealed {@link org.cffi4j.ctype.CType} hierarchy whose instances print
 * themselves as C. Structs, unions and enums are nominal (by declaration); every other type is a
 * value.
 */
package org.cffi4j.ctype;

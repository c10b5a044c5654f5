/**
 * The cdef parser: the directives cdef accepts ({@code #define}, {@code #pragma pack}), the lexer,
 * and a recursive-descent parser of C declarations (specifiers, declarators, records, enums,
 * constant expressions in gcc's types, attributes), which writes what it declares into the
 * declaration table of {@code internal.decl} and reports errors as a C compiler does, with the line
 * and a caret.
 */
package org.cffi4j.internal.parse;

/**
 * Calling C from Java with C declarations, as Python's CFFI does.
 *
 * <p>{@link org.cffi4j.FFI} holds the declarations ({@code cdef}) and makes values: memory
 * ({@code alloc}, a {@link org.cffi4j.Scope} or an {@link org.cffi4j.Allocator}), casts, strings
 * and callbacks. {@link org.cffi4j.FFI#dlopen(String)} loads a {@link org.cffi4j.Library}, whose
 * functions are called by name, through a {@link org.cffi4j.CFunction} or through a bound Java
 * interface; {@link org.cffi4j.FFI#compile()} builds one with the C compiler (API mode). Every C
 * value is a {@link org.cffi4j.CData}, and every error an {@link org.cffi4j.FFIException} that
 * names the C declaration, argument or member involved.
 *
 * {@snippet :
 * FFI ffi = new FFI();
 * ffi.cdef("""
 *     struct point { int x, y; };
 *     size_t strlen(const char *s);
 *     """);
 * Library libc = ffi.dlopen(null);
 * libc.call("strlen", "hello");                                   // 5L
 * CData p = ffi.alloc("struct point *", Map.of("x", 1, "y", 2));  // struct point *p
 * p.set("y", 5);                                                  // p->y = 5;
 * p.get("y");                                                     // 5
 * }
 */
package org.cffi4j;

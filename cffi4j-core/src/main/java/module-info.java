/**
 * cffi4j: call C libraries from Java knowing only C and Java.
 *
 * <p>Start with {@link org.cffi4j.FFI}: paste C declarations into {@code cdef}, then ask for
 * sizes, layouts and types. The C type model is in {@link org.cffi4j.ctype}.
 */
module org.cffi4j {
    exports org.cffi4j;
    exports org.cffi4j.ctype;
// The org.cffi4j.internal packages are not exported to users. A code generator module will
// need org.cffi4j.internal.decl: give it a qualified export ("exports ... to") when it exists.
}

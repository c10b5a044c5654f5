/**
 * cffi4j: call C libraries from Java knowing only C and Java.
 *
 * <p>Start with {@link org.cffi4j.FFI}: paste C declarations into {@code cdef}, then ask for
 * sizes, layouts and types. The C type model is in {@link org.cffi4j.ctype}.
 */
module org.cffi4j {
    exports org.cffi4j;
    exports org.cffi4j.ctype;
    exports org.cffi4j.support;

    // The org.cffi4j.internal packages are not exported to users; the build-time generator reads
    // the declarations, layouts and API mode's compile through these qualified exports.
    exports org.cffi4j.internal.decl to
            org.cffi4j.codegen;
    exports org.cffi4j.internal.call to
            org.cffi4j.codegen;
    exports org.cffi4j.internal.api to
            org.cffi4j.codegen;
    exports org.cffi4j.internal.message to
            org.cffi4j.codegen;
    exports org.cffi4j.internal.platform to
            org.cffi4j.codegen;
    exports org.cffi4j.internal.embed to
            org.cffi4j.codegen;
}

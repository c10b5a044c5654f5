/**
 * cffi4j's build-time bindings (CFFI's out-of-line modes): from a cdef, a Java source file with
 * every layout, constant and signature baked in, and in API mode a glue library compiled at build
 * time. Start with {@link org.cffi4j.codegen.Generator}. The command line and the Maven plugin are
 * thin front ends over it.
 */
module org.cffi4j.codegen {
    requires transitive org.cffi4j;
    requires com.palantir.javapoet;
    requires java.compiler;

    exports org.cffi4j.codegen;
}

/**
 * The {@code cffi4j} command: {@code generate} a binding class from a cdef, {@code check} a cdef
 * against the real headers, show a struct's {@code layout} as the C compiler lays it out. Run it as
 * {@code bin/cffi4j} or through {@link java.util.spi.ToolProvider#findFirst(String)
 * ToolProvider.findFirst("cffi4j")}. A thin front end: it maps its options onto {@link
 * org.cffi4j.codegen.Generator} and {@link org.cffi4j.FFI}.
 */
module org.cffi4j.cli {
    requires org.cffi4j.codegen;
    requires info.picocli;

    exports org.cffi4j.cli;

    // picocli sets the commands' annotated fields reflectively
    opens org.cffi4j.cli to
            info.picocli;

    provides java.util.spi.ToolProvider with
            org.cffi4j.cli.Cffi4jTool;
}

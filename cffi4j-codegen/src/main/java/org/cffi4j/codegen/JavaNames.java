package org.cffi4j.codegen;

import java.util.Set;
import javax.lang.model.SourceVersion;

/** Java names for C names: the same name, with a trailing {@code _} where it is a Java keyword. */
final class JavaNames {
    // Names the generated class itself uses for its own members.
    private static final Set<String> RESERVED = Set.of("errno", "ffi", "SYMBOLS", "CDEF");

    private JavaNames() {}

    /** The Java name of a C function, variable, constant or member. */
    static String of(String cName) {
        return SourceVersion.isKeyword(cName) || RESERVED.contains(cName) ? cName + "_" : cName;
    }
}

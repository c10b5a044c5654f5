package org.cffi4j.cdata;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.cffi4j.testing.GccProbe;

/** The bytes of C objects as the C compiler initialises them, printed in hex: the oracle for initialisers. */
final class CBytes {
    private CBytes() {}

    /**
     * Compiles {@code declarations} and prints, for each {@code object:size} pair, the first
     * {@code size} bytes (a C expression) of that object (a C lvalue) in hex, one line each.
     */
    static String[] of(String declarations, String... objectsAndSizes) {
        StringBuilder main = new StringBuilder("#include <stdio.h>\n#include <stddef.h>\n#include <wchar.h>\n")
                .append(declarations)
                .append("\nstatic void dump(const void *p, size_t n) {\n")
                .append("    for (size_t i = 0; i < n; i++) printf(\"%02x\", ((const unsigned char *) p)[i]);\n")
                .append("    printf(\"\\n\");\n}\nint main(void) {\n");
        for (String pair : objectsAndSizes) {
            int colon = pair.lastIndexOf(':');
            main.append("    dump(&")
                    .append(pair, 0, colon)
                    .append(", ")
                    .append(pair.substring(colon + 1))
                    .append(");\n");
        }
        main.append("    return 0;\n}\n");
        return GccProbe.compileAndRun(main.toString()).lines().toArray(String[]::new);
    }

    /** A buffer's bytes in hex, as {@link #of} prints them. */
    static String hex(ByteBuffer b) {
        byte[] bytes = new byte[b.remaining()];
        b.duplicate().get(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}

package org.cffi4j.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cffi4j.FFI;
import org.cffi4j.ctype.CType;
import org.cffi4j.ctype.Field;
import org.cffi4j.ctype.StructType;

/**
 * Builds a C program that prints, as the C compiler sees them, the layout facts cffi4j computed for
 * a set of type names: sizeof, alignof, the offset of every member, and the bit position and width
 * of every bitfield. Each fact is one line {@code key=value}; {@link #expected} gives cffi4j's
 * lines for the same keys, so a test compares two maps.
 */
public final class LayoutProbe {
    private final FFI ffi;
    private final StringBuilder body = new StringBuilder();
    private final Map<String, Long> expected = new LinkedHashMap<>();
    private int count;

    public LayoutProbe(FFI ffi) {
        this.ffi = ffi;
    }

    /** Adds the facts of a type name, if its layout is known; returns whether it was added. */
    public boolean addType(String typeName) {
        CType t = ffi.typeOf(typeName);
        if (!t.isComplete()) {
            return false;
        }
        fact("sizeof(" + typeName + ")", "sizeof(" + typeName + ")", t.byteSize());
        fact("_Alignof(" + typeName + ")", "_Alignof(" + typeName + ")", t.byteAlignment());
        if (t instanceof StructType s) {
            addMembers(typeName, s, s);
        }
        return true;
    }

    // Named members, and those of anonymous members (reached by their own names, as C does).
    private void addMembers(String typeName, StructType top, StructType s) {
        for (Field f : s.fields()) {
            if (f.isAnonymousMember()) {
                addMembers(typeName, top, (StructType) f.type());
            } else if (f.name() != null) {
                Field absolute = top.field(f.name()).orElseThrow();
                if (f.isBitfield()) {
                    bitfield(typeName, f.name(), absolute.bitPosition(), f.bitWidth());
                } else {
                    String key = "offsetof(" + typeName + ", " + f.name() + ")";
                    fact(key, key, ffi.offsetof(typeName, f.name()));
                }
            }
        }
    }

    private void bitfield(String typeName, String name, long position, int width) {
        int n = count++;
        body.append("  { ")
                .append(typeName)
                .append(" v; memset(&v, 0, sizeof v); v.")
                .append(name)
                .append(" = -1; bitpos(\"bit(")
                .append(typeName)
                .append(", ")
                .append(name)
                .append(")\", (unsigned char *) &v, sizeof v); }\n");
        expected.put("bit(" + typeName + ", " + name + ")", position * 1000 + width);
    }

    /** Adds the value of an integer constant. */
    public void addConstant(String name, long value) {
        body.append("  printf(\"")
                .append(name)
                .append("=%lld\\n\", (long long) (")
                .append(name)
                .append("));\n");
        expected.put(name, value);
    }

    private void fact(String key, String cExpression, long value) {
        body.append("  printf(\"")
                .append(key.replace("\"", "\\\""))
                .append("=%lld\\n\", (long long) ")
                .append(cExpression)
                .append(");\n");
        expected.put(key, value);
    }

    /** The C program: the given prologue (e.g. {@code #include <zlib.h>}), then the printing main. */
    public String program(String prologue) {
        return """
                #include <stdio.h>
                #include <stddef.h>
                #include <string.h>
                %s
                static void bitpos(const char *key, const unsigned char *p, size_t n) {
                    long first = -1, bits = 0;
                    for (size_t i = 0; i < n * 8; i++) {
                        if (p[i / 8] >> (i %% 8) & 1) { if (first < 0) first = (long) i; bits++; }
                    }
                    printf("%%s=%%ld\\n", key, first * 1000 + bits);
                }
                int main(void) {
                %s  return 0;
                }
                """.formatted(prologue, body);
    }

    /** cffi4j's values, by key. */
    public Map<String, Long> expected() {
        return expected;
    }

    /** Parses the probe's output into a map. */
    public static Map<String, Long> parseOutput(String output) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            int eq = line.lastIndexOf('=');
            if (eq > 0) {
                m.put(
                        line.substring(0, eq),
                        Long.parseLong(line.substring(eq + 1).strip()));
            }
        }
        return m;
    }

    /** The keys whose values differ, each as "key: cffi4j=X gcc=Y". */
    public List<String> differences(Map<String, Long> gcc) {
        List<String> diffs = new ArrayList<>();
        for (var e : expected.entrySet()) {
            Long g = gcc.get(e.getKey());
            if (!e.getValue().equals(g)) {
                diffs.add(e.getKey() + ": cffi4j=" + e.getValue() + " gcc=" + g);
            }
        }
        return diffs;
    }
}

package org.cffi4j.abi;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.foreign.MemoryLayout;
import java.lang.invoke.VarHandle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cffi4j.CData;
import org.cffi4j.FFI;
import org.cffi4j.FFIException;
import org.cffi4j.testing.GccProbe;
import org.junit.jupiter.api.Test;

/**
 * {@code ffi.layout}: the FFM layouts cffi4j derives from declarations have the sizes, alignments
 * and member offsets gcc gives the same declarations, and VarHandles from them read and write the
 * members that {@code CData.get} sees.
 */
class MemoryLayoutTest {
    private static final String DECLS = """
            struct plain { char c; int i; double d; long l; short s; };
            struct inner { short a; int b; };
            struct outer { char tag; struct inner in; int arr[3]; void *p; };
            union number { int i; double d; char bytes[12]; };
            struct __attribute__((packed)) tight { char c; int i; struct inner in; double d; };
            struct message { int length; short kind; char text[]; };
            """;

    // type -> members whose offsets are compared
    private static final Map<String, List<String>> MEMBERS = new LinkedHashMap<>();

    static {
        MEMBERS.put("struct plain", List.of("c", "i", "d", "l", "s"));
        MEMBERS.put("struct outer", List.of("tag", "in", "arr", "p"));
        MEMBERS.put("union number", List.of("i", "d", "bytes"));
        MEMBERS.put("struct tight", List.of("c", "i", "in", "d"));
        MEMBERS.put("struct message", List.of("length", "kind", "text"));
    }

    @Test
    void layoutsHaveGccsSizesAlignmentsAndOffsets() {
        StringBuilder c = new StringBuilder("#include <stdio.h>\n#include <stddef.h>\n" + DECLS + "int main(void) {\n");
        MEMBERS.forEach((type, members) -> {
            c.append("printf(\"%zu %zu\\n\", sizeof(")
                    .append(type)
                    .append("), _Alignof(")
                    .append(type)
                    .append("));\n");
            for (String m : members) {
                c.append("printf(\"%zu\\n\", offsetof(")
                        .append(type)
                        .append(", ")
                        .append(m)
                        .append("));\n");
            }
        });
        c.append("return 0; }\n");
        String[] gcc = GccProbe.compileAndRun(c.toString()).trim().split("\\s+");

        FFI ffi = new FFI();
        ffi.cdef(DECLS);
        int at = 0;
        for (Map.Entry<String, List<String>> e : MEMBERS.entrySet()) {
            MemoryLayout layout = ffi.layout(e.getKey());
            assertEquals(Long.parseLong(gcc[at++]), layout.byteSize(), "sizeof(" + e.getKey() + ")");
            assertEquals(Long.parseLong(gcc[at++]), layout.byteAlignment(), "_Alignof(" + e.getKey() + ")");
            for (String m : e.getValue()) {
                assertEquals(
                        Long.parseLong(gcc[at++]),
                        layout.byteOffset(groupElement(m)),
                        "offsetof(" + e.getKey() + ", " + m + ")");
            }
        }
    }

    @Test
    void varHandlesFromTheLayoutAccessWhatCDataSees() {
        FFI ffi = new FFI();
        ffi.cdef(DECLS);
        CData tight = ffi.alloc("struct tight *", Map.of("c", 1, "i", -5, "in", Map.of("a", 7, "b", 9), "d", 2.5));
        MemoryLayout layout = ffi.layout("struct tight");
        VarHandle i = layout.varHandle(groupElement("i"));
        VarHandle b = layout.varHandle(groupElement("in"), groupElement("b"));
        VarHandle d = layout.varHandle(groupElement("d"));
        assertEquals(-5, (int) i.get(tight.segment(), 0L));
        assertEquals(9, (int) b.get(tight.segment(), 0L));
        assertEquals(2.5, (double) d.get(tight.segment(), 0L));
        i.set(tight.segment(), 0L, 123);
        b.set(tight.segment(), 0L, 456);
        assertEquals(123, tight.get("i"));
        assertEquals(456, tight.get("in.b"));
    }

    @Test
    void membersOfAnonymousMembersAreReadAndWrittenAtGccsOffsets() {
        String decls = """
                struct tagged {
                    char kind;
                    union { int i; double d; };
                    struct { short lo; struct { long deep; }; };
                    int last;
                };
                """;
        String[] gcc = GccProbe.compileAndRun("#include <stdio.h>\n#include <stddef.h>\n" + decls
                        + "int main(void) { printf(\"%zu %zu %zu %zu %zu\\n\", offsetof(struct tagged, i),"
                        + " offsetof(struct tagged, d), offsetof(struct tagged, lo), offsetof(struct tagged, deep),"
                        + " offsetof(struct tagged, last)); return 0; }")
                .trim()
                .split(" ");
        FFI ffi = new FFI();
        ffi.cdef(decls);
        CData t = ffi.alloc("struct tagged *");
        String[] members = {"i", "d", "lo", "deep", "last"};
        Object[] values = {-7, 2.5, (short) 300, 1L << 40, 99};
        for (int k = 0; k < members.length; k++) {
            t.set(members[k], values[k]);
            assertEquals(values[k], t.get(members[k]), members[k]);
            long at = Long.parseLong(gcc[k]);
            Object raw = switch (members[k]) {
                case "i", "last" -> t.segment().get(java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED, at);
                case "d" -> t.segment().get(java.lang.foreign.ValueLayout.JAVA_DOUBLE_UNALIGNED, at);
                case "lo" -> t.segment().get(java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED, at);
                default -> t.segment().get(java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED, at);
            };
            assertEquals(values[k], raw, members[k] + " at gcc's offset " + at);
        }
    }

    @Test
    void typesWithoutALayoutAreClearErrors() {
        FFI ffi = new FFI();
        ffi.cdef("struct opaque; typedef int fn(int);");
        assertEquals(
                "'void' has no layout: it is not a type of values in memory",
                assertThrows(FFIException.class, () -> ffi.layout("void")).getMessage());
        assertEquals(
                "'int(int)' has no layout: it is not a type of values in memory",
                assertThrows(FFIException.class, () -> ffi.layout("fn")).getMessage());
        assertEquals(
                "'int[]' has no known length, so no layout; give it one, e.g. 'int[10]'",
                assertThrows(FFIException.class, () -> ffi.layout("int[]")).getMessage());
        assertEquals(
                "'long double' has no FFM value layout: no Java type holds its values",
                assertThrows(FFIException.class, () -> ffi.layout("long double"))
                        .getMessage());
        assertEquals(
                "'struct opaque' is incomplete (declared without a body), so it has no known size",
                assertThrows(FFIException.class, () -> ffi.layout("struct opaque"))
                        .getMessage());
    }
}

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
 * Builds a C program ({@link ProbeProgram}) that prints, as the C compiler sees them, the layout
 * facts cffi4j computed for a set of type names: sizeof, alignof, the offset of every member, and
 * the bit position and width of every bitfield (as {@code position * 1000 + width}). {@link
 * #expected} gives cffi4j's values for the same keys, so a test compares two maps.
 */
public final class LayoutProbe {
    private final FFI ffi;
    private final ProbeProgram probe = new ProbeProgram();
    private final Map<String, Long> expected = new LinkedHashMap<>();
    private String alignof = "_Alignof";

    public LayoutProbe(FFI ffi) {
        this.ffi = ffi;
    }

    /**
     * Asks gcc for the alignment it lays a type out with ({@code __alignof__}) rather than C11's
     * {@code _Alignof}, which reports at most 16 for a vector; returns this probe.
     */
    public LayoutProbe withGnuAlignof() {
        alignof = "__alignof__";
        return this;
    }

    /** Adds the facts of a type name, if its layout is known; returns whether it was added. */
    public boolean addType(String typeName) {
        CType t = ffi.typeOf(typeName);
        if (!t.isComplete()) {
            return false;
        }
        fact("sizeof(" + typeName + ")", "sizeof(" + typeName + ")", t.byteSize());
        fact("_Alignof(" + typeName + ")", alignof + "(" + typeName + ")", t.byteAlignment());
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
        String key = "bit(" + typeName + ", " + name + ")";
        probe.bitfield(key, typeName, name);
        expected.put(key, position * 1000 + width);
    }

    /** Adds the value of an integer constant. */
    public void addConstant(String name, long value) {
        fact(name, name, value);
    }

    private void fact(String key, String cExpression, long value) {
        probe.value(key, cExpression);
        expected.put(key, value);
    }

    /** The C program: the given prologue (e.g. {@code #include <zlib.h>}), then the printing main. */
    public String program(String prologue) {
        return probe.program(prologue);
    }

    /** cffi4j's values, by key. */
    public Map<String, Long> expected() {
        return expected;
    }

    /** Parses the probe's output into a map: a bitfield's place as {@code position * 1000 + width}. */
    public static Map<String, Long> parseOutput(String output) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (var e : ProbeProgram.parse(output).entrySet()) {
            boolean bitfield = e.getValue().contains(":");
            long[] bits = bitfield ? ProbeProgram.bits(e.getValue()) : null;
            m.put(e.getKey(), bitfield ? bits[0] * 1000 + bits[1] : Long.parseLong(e.getValue()));
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

package org.cffi4j.apimode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cffi4j.FFI;
import org.cffi4j.FFIException;
import org.cffi4j.Library;
import org.cffi4j.SourceOptions;
import org.cffi4j.ctype.Field;
import org.cffi4j.ctype.StructType;
import org.cffi4j.testing.GccProbe;
import org.cffi4j.testing.LayoutProbe;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A cross-check of both modes against the compiler: for a struct the cdef declares fully, ABI mode
 * computes the layout and API mode has the compiler report its size, alignment and member offsets,
 * and {@code compile()} fails unless they agree. The tests' own header (bitfields, unions,
 * anonymous members, packed) and the real system headers, given to cdef as their {@code cc -E}
 * output, must compile; a wrong field order must not. Bitfields have no offset for {@code compile()}
 * to check: every layout, bitfield positions and widths included, is also compared with what a
 * program compiled by gcc finds ({@link LayoutProbe}).
 */
class LayoutCrossCheckTest {
    private static String headers;

    @BeforeAll
    static void cache() {
        TestCache.install();
        headers = TestHeaders.directory();
    }

    private static FFI demo(String cdef) {
        FFI ffi = new FFI();
        ffi.cdef(cdef);
        ffi.setSource(
                "_layout_check",
                "#include \"apimode_demo.h\"",
                SourceOptions.none().withIncludeDirs(headers));
        return ffi;
    }

    @Test
    void theTestHeadersStructsAgreeWithTheCompiler() {
        FFI ffi = demo(GccProbe.preprocess("#include \"apimode_demo.h\"", "-I" + headers));
        Map<String, String> abiLayouts = layouts(ffi);
        assertEquals(
                List.of(
                        "struct demo_flags",
                        "struct demo_packed",
                        "struct demo_record",
                        "struct demo_tagged",
                        "union demo_value"),
                abiLayouts.keySet().stream().filter(n -> n.contains(" ")).toList());

        Library lib = ffi.compile(); // compares each layout with the compiler's

        assertEquals(abiLayouts, layouts(ffi));
        assertTrue(assertAgreesWithGcc(ffi, "#include \"apimode_demo.h\"", "-I" + headers) >= 4, "the bitfields");
        assertEquals(7L, ffi.sizeof("struct demo_packed"));
        assertEquals(10, lib.call("demo_twice", 5)); // the header's static inline function, with its body in the cdef
    }

    @Test
    void aWrongFieldOrderFailsNamingBothValues() {
        FFI ffi = demo("struct demo_record { double scale; char tag; short count; int values[3]; };");

        FFIException e = assertThrows(FFIException.class, ffi::compile);

        String m = e.getMessage();
        assertTrue(m.contains("'struct demo_record' is declared differently in the cdef and in the C source"), m);
        assertTrue(m.contains("sizeof: cdef 24, C compiler 32"), m);
        assertTrue(m.contains("offsetof scale: cdef 0, C compiler 8"), m);
        assertTrue(m.contains("offsetof tag: cdef 8, C compiler 0"), m);
        assertTrue(m.contains("end the struct with '...;'"), m);
    }

    // The same layout with other member types: the offsets agree, the compiler's type check does not.
    @Test
    void aMemberOfAnotherTypeFailsNamingTheMember() {
        FFI ffi = demo("struct demo_record { char tag; long scale; short count; float values[3]; };");

        FFIException e = assertThrows(FFIException.class, ffi::compile);

        String m = e.getMessage();
        assertTrue(
                m.contains("member 'scale' of 'struct demo_record' has another type in the cdef than in the C"
                        + " source (fix the cdef's member type):"),
                m);
        assertTrue(m.contains("member 'values' of 'struct demo_record' has another type"), m);
        assertFalse(m.contains("member 'tag'") || m.contains("member 'count'"), m);
    }

    @Test
    void aConstTheCdefAddsToAPointerMemberStillPasses() {
        FFI ffi = new FFI();
        ffi.cdef("struct names { const char *first; char **rest; int count; };");
        ffi.setSource(
                "_member_const", "struct names { char *first; const char **rest; int count; };", SourceOptions.none());
        ffi.compile();
        assertEquals(24L, ffi.sizeof("struct names"));
    }

    @Test
    void theRightFieldOrderPasses() {
        FFI ffi = demo("struct demo_record { char tag; double scale; short count; int values[3]; };");
        ffi.compile();
        assertEquals(32L, ffi.sizeof("struct demo_record"));
        assertEquals(20L, ffi.offsetof("struct demo_record", "values"));
    }

    @Test
    void aMissingPackedAttributeFailsOnSizeAndOffsets() {
        FFIException e = assertThrows(
                FFIException.class,
                () -> demo("struct demo_packed { char c; int i; short s; };").compile());
        assertTrue(e.getMessage().contains("sizeof: cdef 12, C compiler 7"), e.getMessage());
        assertTrue(e.getMessage().contains("offsetof i: cdef 4, C compiler 1"), e.getMessage());
    }

    @Test
    void theSystemHeadersStructsAgreeWithTheCompiler() {
        String source = """
                #include <time.h>
                #include <sys/stat.h>
                #include <stdio.h>
                #include <stdlib.h>
                #include <string.h>
                #include <zlib.h>
                """;
        FFI ffi = new FFI();
        ffi.cdef(GccProbe.preprocess(source));
        Map<String, String> abiLayouts = layouts(ffi);
        assertTrue(abiLayouts.size() > 40, abiLayouts.keySet().toString());
        assertTrue(
                abiLayouts.containsKey("struct z_stream_s")
                        && abiLayouts.containsKey("struct stat")
                        && abiLayouts.containsKey("struct tm"),
                abiLayouts.keySet().toString());
        // zlib.h includes unistd.h, which declares crypt(), in libcrypt.
        ffi.setSource("_system_layouts", source, SourceOptions.libraries("z", "crypt"));

        ffi.compile();

        assertEquals(abiLayouts, layouts(ffi));
        assertAgreesWithGcc(ffi, source);
    }

    // Every complete struct and union, every member's offset and every bitfield's place, as gcc has
    // them; returns the number of bitfields compared.
    private static int assertAgreesWithGcc(FFI ffi, String prologue, String... gccArgs) {
        LayoutProbe probe = new LayoutProbe(ffi);
        int records = 0;
        int bitfields = 0;
        for (String name : ffi.listTypes()) {
            if (ffi.typeOf(name) instanceof StructType s && s.state() == StructType.State.COMPLETE) {
                probe.addType(name);
                records++;
                bitfields += (int) s.fields().stream().filter(Field::isBitfield).count();
            }
        }
        Map<String, Long> gcc = LayoutProbe.parseOutput(GccProbe.compileAndRun(probe.program(prologue), gccArgs));
        assertEquals(List.of(), probe.differences(gcc), "layouts that differ from gcc's");
        assertEquals(probe.expected().size(), gcc.size(), "gcc reported another number of facts");
        assertTrue(records > 4, records + " records: too few to check");
        return bitfields;
    }

    // sizeof, alignof and the member places of each complete struct or union, by tag or typedef name:
    // compile() must leave what ABI mode computed as it was.
    private static Map<String, String> layouts(FFI ffi) {
        Map<String, String> layouts = new LinkedHashMap<>();
        for (String name : ffi.listTypes()) {
            if (ffi.typeOf(name) instanceof StructType s && s.state() == StructType.State.COMPLETE) {
                StringBuilder text = new StringBuilder(s.byteSize() + "/" + s.byteAlignment());
                for (Field f : s.fields()) {
                    text.append(' ').append(f.name()).append('@').append(f.bitPosition());
                    if (f.isBitfield()) {
                        text.append(':').append(f.bitWidth());
                    }
                }
                layouts.put(name, text.toString());
            }
        }
        return layouts;
    }
}

package org.cffi4j.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.cffi4j.CData;
import org.cffi4j.FFI;
import org.cffi4j.testing.GccProbe;
import org.junit.jupiter.api.Test;

/**
 * Allocations are aligned to their type's alignment, whatever it is (gcc's {@code _Alignof} is the
 * oracle), and zero-filled: over-aligned types too, which the C allocator's {@code calloc} does
 * not align.
 */
class AlignedAllocationTest {
    private static final String DECLS = """
            struct line { long x __attribute__((aligned(64))); };
            struct page { char c; } __attribute__((aligned(4096)));
            struct plain { char c; double d; };
            """;

    @Test
    void everyAllocationHasItsTypesAlignment() {
        String[] gcc = GccProbe.compileAndRun("#include <stdio.h>\n" + DECLS + "int main(void) {"
                        + " printf(\"%zu %zu %zu\", _Alignof(struct line), _Alignof(struct page),"
                        + " _Alignof(struct plain)); return 0; }")
                .trim()
                .split(" ");
        FFI ffi = new FFI();
        ffi.cdef(DECLS);
        String[] types = {"struct line", "struct page", "struct plain"};
        for (int t = 0; t < types.length; t++) {
            long alignment = Long.parseLong(gcc[t]);
            assertEquals(alignment, ffi.alignof(types[t]), types[t]);
            List<CData> keep = new ArrayList<>(); // live together, so the allocator cannot reuse one place
            int misaligned = 0;
            for (int i = 0; i < 40; i++) {
                CData[] made = {
                    ffi.alloc(types[t] + " *"),
                    ffi.alloc(types[t] + "[3]"),
                    ffi.alloc(types[t] + "[]", i + 1),
                    ffi.fromBuffer(types[t] + "[]", new byte[(int) ffi.sizeof(types[t])])
                };
                for (CData c : made) {
                    keep.add(c);
                    misaligned += c.address() % alignment == 0 ? 0 : 1;
                    assertEquals(
                            -1L,
                            c.segment()
                                    .mismatch(java.lang.foreign.MemorySegment.ofArray(
                                            new byte[(int) c.segment().byteSize()])),
                            "zero-filled " + c);
                }
            }
            assertEquals(0, misaligned, types[t] + " misaligned in " + misaligned + " of 160 allocations");
            keep.forEach(ffi::release);
        }
    }
}

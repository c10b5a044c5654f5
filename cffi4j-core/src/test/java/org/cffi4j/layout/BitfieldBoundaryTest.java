package org.cffi4j.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cffi4j.CData;
import org.cffi4j.FFI;
import org.cffi4j.ctype.Field;
import org.cffi4j.ctype.PrimitiveType;
import org.cffi4j.ctype.StructType;
import org.cffi4j.testing.GccProbe;
import org.cffi4j.testing.LayoutProbe;
import org.junit.jupiter.api.Test;

/**
 * Bitfields that end exactly where their storage unit (a byte, a 16-, 32- or 64-bit unit) ends, the
 * place where a mask or a shift is off by one: their layout is gcc's, and values written through
 * {@link CData} leave the very bytes a C program leaves, and read back as C reads them, at the
 * extremes of each width (signed minimum and maximum, -1, all ones, alternating bits).
 */
class BitfieldBoundaryTest {
    private static final String DECLARATIONS = """
            struct edges {
                unsigned a : 29; unsigned b : 3;
                signed c : 31; signed d : 1;
                unsigned long long e : 40; unsigned long long f : 24;
                unsigned char g : 5; unsigned char h : 3;
                short i : 9; short j : 7;
                _Bool k : 1; unsigned char l : 7;
                long long m : 63; long long n : 1;
                unsigned long long o : 64;
                int p : 8; int q : 8; int r : 16;
            };
            struct __attribute__((packed)) packed_edges { char x; unsigned a : 7; unsigned b : 9; long long c : 48; };
            """;

    @Test
    void theLayoutIsGccs() {
        FFI ffi = ffi();
        LayoutProbe probe = new LayoutProbe(ffi);
        probe.addType("struct edges");
        probe.addType("struct packed_edges");
        Map<String, Long> gcc = LayoutProbe.parseOutput(GccProbe.compileAndRun(probe.program(DECLARATIONS)));
        assertEquals(List.of(), probe.differences(gcc));
        assertEquals(probe.expected().size(), gcc.size());
    }

    @Test
    void valuesWrittenAndReadThroughCDataAreTheBitsCHas() {
        FFI ffi = ffi();
        StringBuilder main = new StringBuilder();
        List<Map<String, Map<String, BigInteger>>> vectors = new ArrayList<>();
        for (String record : List.of("struct edges", "struct packed_edges")) {
            StructType s = (StructType) ffi.typeOf(record);
            for (int pattern = 0; pattern < 5; pattern++) {
                Map<String, BigInteger> values = new LinkedHashMap<>();
                for (Field f : s.fields()) {
                    if (f.isBitfield()) {
                        values.put(f.name(), extreme((PrimitiveType) f.type(), f.bitWidth(), pattern));
                    }
                }
                vectors.add(Map.of(record, values));
                main.append(cWrite(record, values));
            }
        }
        String program = "#include <stdio.h>\n#include <string.h>\n" + DECLARATIONS + "int main(void) {\n" + main
                + "return 0;\n}\n";
        List<String> c = GccProbe.compileAndRun(program).lines().toList();

        List<String> cffi4j = new ArrayList<>();
        for (var vector : vectors) {
            var entry = vector.entrySet().iterator().next();
            String record = entry.getKey();
            CData written = ffi.alloc(record + " *");
            entry.getValue().forEach((name, v) -> written.set(name, javaValue(v)));
            byte[] bytes = new byte[(int) ffi.sizeof(record)];
            ffi.buffer(written, bytes.length).get(bytes);
            cffi4j.add(HexFormat.of().formatHex(bytes));
            CData read = ffi.fromBuffer(record + " *", HexFormat.of().parseHex(c.get(cffi4j.size() - 1)));
            StringBuilder values = new StringBuilder();
            entry.getValue()
                    .keySet()
                    .forEach(name -> values.append(asLong(read.get(name))).append(' '));
            cffi4j.add(values.toString().strip());
        }
        assertEquals(c, cffi4j, "bytes after the writes, then the values read back, per vector");
    }

    private static FFI ffi() {
        FFI ffi = new FFI();
        ffi.cdef(DECLARATIONS);
        return ffi;
    }

    // pattern 0: the maximum; 1: the minimum; 2: -1 (all ones); 3: 1010...; 4: 0101...
    private static BigInteger extreme(PrimitiveType t, int width, int pattern) {
        boolean signed = t.signed() && t.kind() != PrimitiveType.Kind.BOOL;
        BigInteger all = BigInteger.ONE.shiftLeft(width).subtract(BigInteger.ONE);
        BigInteger bits = switch (pattern) {
            case 0 -> signed ? all.shiftRight(1) : all;
            case 1 -> signed ? BigInteger.ONE.shiftLeft(width - 1) : BigInteger.ZERO;
            case 2 -> all;
            case 3 -> alternating(width, 1);
            default -> alternating(width, 0);
        };
        // as a value of the bitfield: the top bit of a signed one is its sign
        return signed && bits.testBit(width - 1) ? bits.subtract(BigInteger.ONE.shiftLeft(width)) : bits;
    }

    private static BigInteger alternating(int width, int first) {
        BigInteger v = BigInteger.ZERO;
        for (int i = first; i < width; i += 2) {
            v = v.setBit(i);
        }
        return v;
    }

    private static Object javaValue(BigInteger v) {
        return v.bitLength() < 64 ? (Object) v.longValue() : v;
    }

    private static long asLong(Object v) {
        return v instanceof Boolean b ? (b ? 1 : 0) : ((Number) v).longValue();
    }

    // Writes the values in C, prints the bytes in hex, then the values C reads back.
    private static String cWrite(String record, Map<String, BigInteger> values) {
        StringBuilder c = new StringBuilder("{ ").append(record).append(" s; memset(&s, 0, sizeof s);\n");
        values.forEach((name, v) ->
                c.append("s.").append(name).append(" = ").append(literal(v)).append(";\n"));
        c.append("for (size_t i = 0; i < sizeof s; i++) printf(\"%02x\", ((unsigned char *) &s)[i]);\n")
                .append("printf(\"\\n\");\n");
        List<String> reads =
                values.keySet().stream().map(n -> "(long long) s." + n).toList();
        c.append("printf(\"")
                .append(String.join(" ", reads.stream().map(r -> "%lld").toList()))
                .append("\\n\", ")
                .append(String.join(", ", reads))
                .append(");\n}\n");
        return c.toString();
    }

    private static String literal(BigInteger v) {
        return v.signum() < 0 ? "(-" + v.negate() + "LL)" : v + "ULL";
    }
}

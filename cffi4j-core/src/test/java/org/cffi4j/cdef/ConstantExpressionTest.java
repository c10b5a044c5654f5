package org.cffi4j.cdef;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.cffi4j.FFI;
import org.cffi4j.testing.GccProbe;
import org.cffi4j.testing.LayoutProbe;
import org.junit.jupiter.api.Test;

/**
 * The constant-expression evaluator agrees with gcc on every C operator, C's integer conversions
 * (unsigned wrap-around, promotions, literal types), casts, sizeof, _Alignof, offsetof and enum
 * constants: each expression becomes a {@code #define} in cdef and a printed value in a gcc probe.
 */
class ConstantExpressionTest {
    private static final String DECLARATIONS = """
            struct inner { char c; double d; };
            struct outer { int a; struct inner in[3]; short s; };
            enum color { RED = -2, GREEN, BLUE = 1 << 4, LAST = BLUE * 2 + GREEN };
            typedef unsigned char byte;
            """;

    private static final List<String> EXPRESSIONS = List.of(
            "1 + 2 * 3",
            "(1 + 2) * 3",
            "-7 / 2",
            "-7 % 2",
            "7 / -2",
            "~0",
            "~0U",
            "~0UL",
            "-1U",
            "-1UL",
            "0xFFFFFFFF",
            "4294967295",
            "2147483647 + 1U",
            "-2147483647 - 1",
            "0x7FFFFFFFFFFFFFFF",
            "0xFFFFFFFFFFFFFFFF",
            "18446744073709551615UL",
            "1 << 31",
            "1U << 31",
            "1UL << 63",
            "-16 >> 2",
            "0x80000000 >> 4",
            "(-1) < 0U",
            "(-1) < 0",
            "-1L < 0U",
            "3 > 2 > 1",
            "1 == 1 != 0",
            "5 & 3 | 8 ^ 2",
            "!0 + !5",
            "1 && 0 || 1",
            "0 ? 1 : 2",
            "1 ? -1 : 2U",
            "(0, 5)",
            "010 + 0x10 + 0b101",
            "'a'",
            "'\\n'",
            "'\\xff'",
            "'\\377'",
            "L'A'",
            "(char) 300",
            "(unsigned char) -1",
            "(short) 70000",
            "(unsigned short) -1",
            "(_Bool) 42",
            "(int) 3.9",
            "(long) -2.5",
            "(unsigned) -1",
            "(byte) 511",
            "(int) (unsigned char) 200",
            "sizeof(int)",
            "sizeof(long double)",
            "sizeof(struct outer)",
            "sizeof(struct inner[4])",
            "sizeof(int (*)[5])",
            "sizeof(char *[7])",
            "sizeof 1",
            "sizeof(1L)",
            "_Alignof(struct outer)",
            "__alignof__(long double)",
            "__builtin_offsetof(struct outer, s)",
            "__builtin_offsetof(struct outer, in[2].d)",
            "RED",
            "GREEN",
            "LAST",
            "sizeof(enum color)",
            "RED < 0 ? 100 : 200",
            "(LAST + RED) * 3 % 7",
            "1000000 * 1000000",
            "1000000L * 1000000",
            "0x7FFFFFFF * 2",
            "100 / 7 * 7 + 100 % 7",
            "~(0x0FU) & 0xF0F0",
            "(long long) 1 << 40",
            "-(-2147483647 - 1)",
            "(1 ? 2 : 3) + (0 ?: 4)");

    @Test
    void everyExpressionAgreesWithGcc() {
        StringBuilder defines = new StringBuilder(DECLARATIONS);
        for (int i = 0; i < EXPRESSIONS.size(); i++) {
            defines.append("#define E")
                    .append(i)
                    .append(" (")
                    .append(EXPRESSIONS.get(i))
                    .append(")\n");
        }
        FFI ffi = new FFI();
        ffi.cdef(defines.toString());

        LayoutProbe probe = new LayoutProbe(ffi);
        for (int i = 0; i < EXPRESSIONS.size(); i++) {
            probe.addConstant("E" + i, ffi.integerConst("E" + i));
        }
        Map<String, Long> gcc = LayoutProbe.parseOutput(GccProbe.compileAndRun(probe.program(defines.toString())));
        List<String> differences = probe.differences(gcc).stream()
                .map(d -> d + "   <- " + EXPRESSIONS.get(Integer.parseInt(d.substring(1, d.indexOf(':')))))
                .toList();
        assertEquals(List.of(), differences);
        assertEquals(EXPRESSIONS.size(), gcc.size());
    }
}

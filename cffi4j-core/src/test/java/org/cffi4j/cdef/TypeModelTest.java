package org.cffi4j.cdef;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cffi4j.FFI;
import org.cffi4j.ctype.PrimitiveType;
import org.cffi4j.testing.GccProbe;
import org.cffi4j.testing.LayoutProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Types print as C, every spelling of a type means what gcc says it means. */
class TypeModelTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "int(*)[5]                          | int(*)[5]",
                "int *[5]                           | int *[5]",
                "char **                            | char **",
                "const char *const *                | const char *const *",
                "void (*(*)(int))(int)              | void(*(*)(int))(int)",
                "int (*(*)[3])(double, ...)         | int(*(*)[3])(double, ...)",
                "long unsigned int                  | unsigned long",
                "int long                           | long",
                "long long int unsigned             | unsigned long long",
                "short signed                       | short",
                "char signed                        | signed char",
                "unsigned                           | unsigned int",
                "signed                             | int",
                "double long                        | long double",
                "_Complex double                    | double _Complex",
                "float _Complex                     | float _Complex",
                "__signed__ char                    | signed char",
                "__int128 unsigned                  | unsigned __int128",
                "_Bool                              | _Bool",
                "bool                               | _Bool",
                "int8_t *                           | int8_t *",
                "volatile int *                     | volatile int *",
                "int[2][3]                          | int[2][3]",
                "int(*)(void)                       | int(*)(void)",
                "_Float64x                          | long double",
                "__float128                         | _Float128",
            })
    void typesPrintAsC(String spelled, String printed) {
        assertEquals(printed, new FFI().typeOf(spelled).toString());
    }

    @Test
    void getCTypePlacesTheDeclarator() {
        FFI ffi = new FFI();
        assertEquals("int *", ffi.getCType("int", "*"));
        assertEquals("int(*)[5]", ffi.getCType("int[5]", "*"));
        assertEquals("int(*)(char)", ffi.getCType("int(char)", "*"));
        assertEquals("char *x", ffi.getCType("char *", "x"));
    }

    /** Every spelling of every arithmetic type has gcc's sizeof, alignof and signedness. */
    @Test
    void everySpellingAgreesWithGcc() {
        List<String> spellings = new ArrayList<>(List.of(
                "char",
                "signed char",
                "char signed",
                "unsigned char",
                "short",
                "short int",
                "int short",
                "signed short int",
                "unsigned short",
                "short unsigned int",
                "int",
                "signed",
                "signed int",
                "unsigned",
                "unsigned int",
                "int unsigned",
                "long",
                "long int",
                "int long",
                "signed long",
                "unsigned long",
                "long unsigned int",
                "int unsigned long",
                "long long",
                "long long int",
                "long int long",
                "int long long",
                "unsigned long long",
                "long long unsigned int",
                "long unsigned long",
                "__int128",
                "unsigned __int128",
                "__int128_t",
                "__uint128_t",
                "_Bool",
                "float",
                "double",
                "long double",
                "double long",
                "_Complex float",
                "double _Complex",
                "long double _Complex",
                "_Float128",
                "__float128",
                "_Float32",
                "_Float64",
                "_Float32x",
                "_Float64x",
                "wchar_t",
                "char16_t",
                "char32_t",
                "size_t",
                "ssize_t",
                "ptrdiff_t",
                "intptr_t",
                "uintptr_t",
                "intmax_t",
                "uintmax_t",
                "int8_t",
                "uint8_t",
                "int16_t",
                "uint16_t",
                "int32_t",
                "uint32_t",
                "int64_t",
                "uint64_t",
                "int_least8_t",
                "uint_least16_t",
                "int_least32_t",
                "uint_least64_t",
                "int_fast8_t",
                "int_fast16_t",
                "uint_fast32_t",
                "int_fast64_t",
                "void *",
                "int (*)(int)"));
        FFI ffi = new FFI();
        LayoutProbe probe = new LayoutProbe(ffi);
        for (String s : spellings) {
            probe.addType(s);
            if (ffi.typeOf(s) instanceof PrimitiveType p && p.isIntegral() && !s.contains("128")) {
                probe.addConstant("((" + s + ") -1 < 0)", p.signed() ? 1 : 0);
            }
        }
        String headers = "#include <stdint.h>\n#include <wchar.h>\n#include <uchar.h>\n#include <sys/types.h>\n"
                + "#include <stdbool.h>\n";
        Map<String, Long> gcc = LayoutProbe.parseOutput(GccProbe.compileAndRun(probe.program(headers)));
        assertEquals(List.of(), probe.differences(gcc));
        assertEquals(probe.expected().size(), gcc.size());
    }
}

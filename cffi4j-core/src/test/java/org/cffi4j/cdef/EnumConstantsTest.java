package org.cffi4j.cdef;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.cffi4j.CDefException;
import org.cffi4j.FFI;
import org.cffi4j.FFIException;
import org.cffi4j.ctype.EnumType;
import org.junit.jupiter.api.Test;

/**
 * Enum constants are computed in the types gcc gives them (the values are gcc's, checked by hand
 * against gcc 12; {@code EnumTypingOracleTest} compares thousands more), and gcc's errors are
 * cdef's, word for word.
 */
class EnumConstantsTest {
    private static FFI cdef(String source) {
        FFI ffi = new FFI();
        ffi.cdef(source);
        return ffi;
    }

    private static String errorOf(String source) {
        return assertThrows(CDefException.class, () -> new FFI().cdef(source)).getMessage();
    }

    @Test
    void aConstantBeyondIntKeepsItsTypeForTheNextOnes() {
        FFI ffi = cdef("enum e { X = 0x100000000, Y = X + 1 };");
        assertEquals(4294967297L, ffi.integerConst("Y"));
        assertEquals(8, ffi.sizeof("enum e"));
    }

    @Test
    void anUnsignedLongLongConstantShiftsInItsType() {
        FFI ffi = cdef("enum e { A = 1ULL << 33, B = A << 2, C = B >> 30 };");
        assertEquals(1L << 35, ffi.integerConst("B"));
        assertEquals(32, ffi.integerConst("C"));
    }

    @Test
    void anUnsignedIntConstantWrapsInUnsignedInt() {
        // 0x80000000 is an unsigned int: doubling it wraps to 0, which then fits int.
        FFI ffi = cdef("enum e { D = 0x80000000, E = D + D, F };");
        assertEquals(0, ffi.integerConst("E"));
        assertEquals(1, ffi.integerConst("F"));
        assertEquals(4, ffi.sizeof("enum e"));
    }

    @Test
    void int128ValuesAreExactWhileTheEnumIsDefined() {
        FFI ffi = cdef("enum e { A = ((__int128)1 << 64) + 5, B = A + 1, C = B >> 64 };");
        assertEquals(1, ffi.integerConst("C"), "B >> 64 of 2^64 + 6");
        assertEquals(6, ffi.integerConst("B"), "gcc makes the enum long long: B wraps to 6");
        assertEquals(8, ffi.sizeof("enum e"));
    }

    @Test
    void negativeValuesMixedWithValuesAboveLlongMaxMakeALongLongEnum() {
        FFI ffi = cdef("enum e { C = -1, D = 0xFFFFFFFFFFFFFFFF };\n#define D_SIZE sizeof(D)\n");
        assertEquals(8, ffi.sizeof("enum e"));
        assertEquals(true, ((EnumType) ffi.typeOf("enum e")).underlying().signed());
        assertEquals(-1, ffi.integerConst("D"), "gcc converts it to the enum's type");
        assertEquals(8, ffi.integerConst("D_SIZE"), "D has the enum's type, not int");
    }

    @Test
    void anImplicitValueThatOverflowsIsAnError() {
        assertEquals("""
                cdef:1:26: overflow in enumeration values (in declaration of 'J')
                    enum e { I = 0x7FFFFFFF, J };
                                             ^""", errorOf("enum e { I = 0x7FFFFFFF, J };"));
        assertEquals("""
                cdef:1:34: overflow in enumeration values (in declaration of 'F')
                    enum e { E = 0xFFFFFFFFFFFFFFFF, F };
                                                     ^""", errorOf("enum e { E = 0xFFFFFFFFFFFFFFFF, F };"));
    }

    @Test
    void aValueThatIsNotAnIntegerIsAnError() {
        assertEquals("""
                cdef:1:10: enumerator value for 'X' is not an integer constant (in declaration of 'X')
                    enum e { X = 1.5 };
                             ^""", errorOf("enum e { X = 1.5 };"));
        assertEquals("""
                cdef:1:10: enumerator value for 'X' is not an integer constant (in declaration of 'X')
                    enum e { X = (void *)0 };
                             ^""", errorOf("enum e { X = (void *)0 };"));
        assertEquals(1, cdef("enum e { X = (int)1.5 };").integerConst("X"), "a cast makes it an integer");
    }

    @Test
    void anEnumThatNeeds128BitsIsRefused() {
        assertEquals("""
                cdef:1:1: 'enum e': its values need a 128-bit integer type ('__int128', as gcc makes it), and cdef\
                 keeps enum constants in 64 bits
                    enum e { A = -1, B = (unsigned __int128)1 << 126 };
                    ^""", errorOf("enum e { A = -1, B = (unsigned __int128)1 << 126 };"));
    }

    @Test
    void aMacroBeyond64BitsIsRefused() {
        assertEquals("""
                cdef:1:9: 'X' is 18446744073709551616, an '__int128' beyond the range of 'long': cdef keeps\
                 integer constants in 64 bits (in declaration of 'X')
                    #define X ((__int128)1 << 64)
                            ^""", errorOf("#define X ((__int128)1 << 64)\n"));
        FFI ffi = cdef("#define Y (-((__int128)1 << 63))\n#define Z (Y / 2)\n");
        assertEquals(Long.MIN_VALUE, ffi.integerConst("Y"));
        assertEquals(Long.MIN_VALUE / 2, ffi.integerConst("Z"));
        assertEquals(
                """
                cdef:1:9: 'W' is -9223372036854775809, an '__int128' beyond the range of 'long': cdef keeps\
                 integer constants in 64 bits (in declaration of 'W')
                    #define W (Y - 1)
                            ^""",
                assertThrows(CDefException.class, () -> ffi.cdef("#define W (Y - 1)\n"))
                        .getMessage());
    }

    @Test
    void aStaticConstIsConvertedToItsType() {
        FFI ffi = cdef("static const unsigned char C = 300; static const _Bool B = 7; static const short S = 70000;");
        assertEquals(44, ffi.integerConst("C"));
        assertEquals(1, ffi.integerConst("B"));
        assertEquals(4464, ffi.integerConst("S"));
    }

    // FFI.integerConst and Library.get refuse a '...' constant outside API mode in the same words.
    @Test
    void aConstantDeclaredWithDotsIsRefusedAlikeByFfiAndLibrary() {
        FFI ffi = cdef("#define ANSWER ...");
        String message = "'ANSWER' is declared with '...': its value is known only in API mode"
                + " (ffi.setSource + ffi.compile)";
        assertEquals(
                message,
                assertThrows(FFIException.class, () -> ffi.integerConst("ANSWER"))
                        .getMessage());
        assertEquals(
                message,
                assertThrows(FFIException.class, () -> ffi.dlopen(null).get("ANSWER"))
                        .getMessage());
    }
}

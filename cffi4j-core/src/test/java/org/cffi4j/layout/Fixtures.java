package org.cffi4j.layout;

import static org.cffi4j.layout.Decl.m;

import java.util.List;
import org.cffi4j.ctype.ArrayType;
import org.cffi4j.ctype.CType;
import org.cffi4j.ctype.EnumType;
import org.cffi4j.ctype.Enumerator;
import org.cffi4j.ctype.PointerType;
import org.cffi4j.ctype.PrimitiveType;
import org.cffi4j.ctype.StructType;
import org.cffi4j.internal.TypeAccess;
import org.cffi4j.internal.layout.Primitives;

/**
 * The C types the layout rows are built from, each with its C definition in {@link #PRELUDE} so
 * that gcc and the layout engine see the same types.
 */
final class Fixtures {
    static final PrimitiveType CHAR = prim("char");
    static final PrimitiveType SCHAR = prim("signed char");
    static final PrimitiveType UCHAR = prim("unsigned char");
    static final PrimitiveType SHORT = prim("short");
    static final PrimitiveType USHORT = prim("unsigned short");
    static final PrimitiveType INT = prim("int");
    static final PrimitiveType UINT = prim("unsigned int");
    static final PrimitiveType LONG = prim("long");
    static final PrimitiveType ULONG = prim("unsigned long");
    static final PrimitiveType LLONG = prim("long long");
    static final PrimitiveType ULLONG = prim("unsigned long long");
    static final PrimitiveType INT128 = prim("__int128");
    static final PrimitiveType UINT128 = prim("unsigned __int128");
    static final PrimitiveType BOOL = prim("_Bool");
    static final PrimitiveType FLOAT = prim("float");
    static final PrimitiveType DOUBLE = prim("double");
    static final PrimitiveType LDOUBLE = prim("long double");
    static final PrimitiveType FCOMPLEX = prim("float _Complex");
    static final PrimitiveType DCOMPLEX = prim("double _Complex");
    static final PrimitiveType WCHAR = prim("wchar_t");
    static final PrimitiveType CHAR16 = prim("char16_t");
    static final PrimitiveType INT8 = prim("int8_t");
    static final PrimitiveType UINT64 = prim("uint64_t");
    static final PointerType PTR = new PointerType(INT);

    /** {@code typedef int i2 __attribute__((aligned(2)))}: a typedef can lower an alignment. */
    static final PrimitiveType I2 = alias("i2", INT, 2);
    /** {@code typedef int ai16 __attribute__((aligned(16)))}. */
    static final PrimitiveType AI16 = alias("ai16", INT, 16);
    /** {@code typedef int ai32 __attribute__((aligned(32)))}: beyond gcc's offset alignment. */
    static final PrimitiveType AI32 = alias("ai32", INT, 32);
    /** {@code typedef char ac8 __attribute__((aligned(8)))}. */
    static final PrimitiveType AC8 = alias("ac8", CHAR, 8);

    /** {@code enum e_u { EU_A, EU_B = 5 }}: unsigned int. */
    static final EnumType E_U = enumOf("e_u", UINT, "EU_A", 0, "EU_B", 5);
    /** {@code enum e_neg { EN_A = -1, EN_B = 1 }}: int. */
    static final EnumType E_NEG = enumOf("e_neg", INT, "EN_A", -1, "EN_B", 1);
    /** A packed enum of small values: unsigned char. */
    static final EnumType E_SMALL = enumOf("e_small", UCHAR, "ES_A", 1, "ES_B", 200);
    /** A packed enum of small signed values: signed char. */
    static final EnumType E_SNEG = enumOf("e_sneg", SCHAR, "ESN_A", -3, "ESN_B", 3);
    /** A packed enum that needs 16 bits: unsigned short. */
    static final EnumType E_SHORT = enumOf("e_short", USHORT, "ESH_A", 0, "ESH_B", 1000);
    /** {@code enum e_big { EB_A = 0x100000000 }}: unsigned long. */
    static final EnumType E_BIG = enumOf("e_big", ULONG, "EB_A", 0x1_0000_0000L, "EB_B", 1);

    static final Decl INNER_DECL = Decl.struct(m("c", CHAR), m("d", DOUBLE));
    /** {@code struct inner { char c; double d; }}. */
    static final StructType INNER = INNER_DECL.define("inner");

    static final Decl ODD_DECL = Decl.struct(m("a", SHORT), m("b", CHAR));
    /** {@code struct odd { short a; char b; }}: size 4, alignment 2. */
    static final StructType ODD = ODD_DECL.define("odd");

    static final Decl OVER_DECL = Decl.struct(m("c", CHAR)).aligned(16);
    /** {@code struct over { char c; } __attribute__((aligned(16)))}. */
    static final StructType OVER = OVER_DECL.define("over");

    static final Decl FLEX_DECL = Decl.struct(m("n", SHORT), m("data", open(INT)));
    /** {@code struct flex { short n; int data[]; }}. */
    static final StructType FLEX = FLEX_DECL.define("flex");
    /** {@code struct undefined}: declared, never defined. */
    static final StructType UNDEFINED = StructType.declare(StructType.Kind.STRUCT, "undefined", null);

    /** The C definitions of all the types above. */
    static final String PRELUDE =
            """
            #include <stddef.h>
            #include <stdint.h>
            #include <uchar.h>
            typedef int i2 __attribute__((aligned(2)));
            typedef int ai16 __attribute__((aligned(16)));
            typedef int ai32 __attribute__((aligned(32)));
            typedef char ac8 __attribute__((aligned(8)));
            enum e_u { EU_A, EU_B = 5 };
            enum e_neg { EN_A = -1, EN_B = 1 };
            enum __attribute__((packed)) e_small { ES_A = 1, ES_B = 200 };
            enum __attribute__((packed)) e_sneg { ESN_A = -3, ESN_B = 3 };
            enum __attribute__((packed)) e_short { ESH_A = 0, ESH_B = 1000 };
            enum e_big { EB_A = 0x100000000, EB_B = 1 };
            struct undefined;
            """ + INNER_DECL.c("inner") + ODD_DECL.c("odd") + OVER_DECL.c("over") + FLEX_DECL.c("flex");

    private Fixtures() {}

    static ArrayType arr(CType element, long... lengths) {
        CType t = element;
        for (int i = lengths.length - 1; i >= 0; i--) {
            t = new ArrayType(t, lengths[i]);
        }
        return (ArrayType) t;
    }

    static ArrayType open(CType element) {
        return new ArrayType(element, ArrayType.UNKNOWN_LENGTH);
    }

    private static PrimitiveType prim(String name) {
        return Primitives.current().get(name);
    }

    // A typedef with an aligned attribute: prints as its own name, which PRELUDE defines.
    private static PrimitiveType alias(String name, PrimitiveType base, long align) {
        return new PrimitiveType(name, base.kind(), base.signed(), base.size(), align);
    }

    private static EnumType enumOf(String tag, PrimitiveType underlying, String n1, long v1, String n2, long v2) {
        EnumType e = EnumType.declare(tag, null);
        TypeAccess.mutators().complete(e, List.of(new Enumerator(n1, v1), new Enumerator(n2, v2)), underlying, false);
        return e;
    }
}

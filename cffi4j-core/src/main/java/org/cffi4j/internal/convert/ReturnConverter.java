package org.cffi4j.internal.convert;

import java.lang.foreign.MemorySegment;
import org.cffi4j.ctype.CType;
import org.cffi4j.ctype.EnumType;
import org.cffi4j.ctype.PointerType;
import org.cffi4j.ctype.PrimitiveType;
import org.cffi4j.ctype.StructType;
import org.cffi4j.ctype.VoidType;

/** Converts the carrier value a C function returned to the Java value of the conversion table. */
public final class ReturnConverter {
    private ReturnConverter() {}

    /** The Java value of {@code carrier}, the value a function returning {@code type} gave. */
    public static Object fromCarrier(CType type, Object carrier) {
        return switch (type) {
            case VoidType v -> null;
            case PrimitiveType p -> primitive(p, carrier);
            case EnumType e -> primitive(e.underlying(), carrier);
            case PointerType p -> Values.pointer(p, (MemorySegment) carrier);
            case StructType s -> StructReturns.own(s, (MemorySegment) carrier);
            default -> carrier;
        };
    }

    /**
     * Whether a value of this type comes back as its carrier itself (boxed): signed integers of
     * Java's widths, floating numbers, {@code _Bool}; a spliced call then needs no return filter.
     */
    public static boolean returnsCarrier(CType t) {
        PrimitiveType p = t instanceof EnumType e ? e.underlying() : t instanceof PrimitiveType q ? q : null;
        if (p == null) {
            return false;
        }
        return switch (p.kind()) {
            case FLOATING, BOOL -> true;
            case WIDE_CHAR -> p.signed() && p.size() != 2;
            case COMPLEX -> false;
            default -> p.signed(); // Byte, Short, Integer, Long: the Java type of the same width
        };
    }

    private static Object primitive(PrimitiveType p, Object carrier) {
        if (returnsCarrier(p)) {
            return carrier;
        }
        if (p.kind() == PrimitiveType.Kind.WIDE_CHAR && p.size() == 2) {
            return (char) (short) carrier;
        }
        return switch (carrier) {
            case Byte b -> b & 0xFF;
            case Short s -> s & 0xFFFF;
            case Integer i -> i & 0xFFFF_FFFFL;
            default -> carrier; // unsigned 64-bit: two's complement in a long
        };
    }
}

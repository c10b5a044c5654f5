package org.cffi4j.internal.ffm;

import java.lang.foreign.MemorySegment;
import org.cffi4j.ctype.CType;
import org.cffi4j.ctype.EnumType;
import org.cffi4j.ctype.PointerType;
import org.cffi4j.ctype.PrimitiveType;
import org.cffi4j.ctype.StructType;
import org.cffi4j.ctype.VoidType;

/** Converts the carrier value a C function returned to the Java value of the conversion table. */
final class ReturnConverter {
    private ReturnConverter() {}

    static Object fromCarrier(CType type, Object carrier) {
        return switch (type) {
            case VoidType v -> null;
            case PrimitiveType p -> primitive(p, carrier);
            case EnumType e -> primitive(e.underlying(), carrier);
            case PointerType p -> Values.pointer(p, (MemorySegment) carrier);
            case StructType s -> StructReturns.own(s, (MemorySegment) carrier);
            default -> carrier;
        };
    }

    private static Object primitive(PrimitiveType p, Object carrier) {
        if (p.kind() == PrimitiveType.Kind.FLOATING || p.kind() == PrimitiveType.Kind.BOOL) {
            return carrier;
        }
        if (p.kind() == PrimitiveType.Kind.WIDE_CHAR && p.size() == 2) {
            return (char) (short) carrier;
        }
        if (p.signed()) {
            return carrier; // Byte, Short, Integer, Long: the Java type of the same width
        }
        return switch (carrier) {
            case Byte b -> b & 0xFF;
            case Short s -> s & 0xFFFF;
            case Integer i -> i & 0xFFFF_FFFFL;
            default -> carrier; // unsigned 64-bit: two's complement in a long
        };
    }
}

package org.cffi4j.codegen;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import org.cffi4j.FFIException;
import org.cffi4j.ctype.Field;
import org.cffi4j.ctype.PrimitiveType;
import org.cffi4j.internal.call.NativeLayouts;
import org.cffi4j.support.BindingMemory;

/**
 * A bitfield's getter and setter: the smallest unit of 1, 2, 4 or 8 bytes that holds its bits is
 * read through a VarHandle, and the shift and mask, computed here, pick the bits (little-endian
 * order: bit 0 is the least significant bit of the first byte).
 */
final class BitfieldCode {
    private static final String[] UNITS = {"BITS8", "BITS16", "", "BITS32", "", "", "", "BITS64"};
    private static final String[] UNIT_CASTS = {"byte", "short", "", "int", "", "", "", "long"};

    private BitfieldCode() {}

    /** The accessors of bitfield {@code f} of a struct of {@code structSize} bytes. */
    static void emit(TypeSpec.Builder c, ClassName self, Field f, String name, String decl, long structSize) {
        if (f.bitWidth() == 0) {
            return;
        }
        long pos = f.bitPosition();
        int width = f.bitWidth();
        long first = pos / 8;
        long span = (pos + width + 7) / 8 - first;
        if (span > 8) {
            throw new FFIException("a bitfield over " + span + " bytes (packed) is not generated yet");
        }
        int unit = span <= 1 ? 1 : span <= 2 ? 2 : span <= 4 ? 4 : 8;
        // A unit that would reach past the struct's end moves back: it still holds all the bits.
        long start = Math.min(first, structSize - unit);
        if (start < 0) {
            throw new FFIException(
                    "a bitfield of a " + structSize + "-byte struct over " + span + " bytes is not generated yet");
        }
        int shift = (int) (pos - start * 8);
        PrimitiveType p = (PrimitiveType) (f.type() instanceof org.cffi4j.ctype.EnumType e ? e.underlying() : f.type());
        TypeName type = JavaTypes.carrier((java.lang.foreign.ValueLayout) NativeLayouts.inMemory(p));
        String vh = UNITS[unit - 1];
        String read = (unit == 8 ? "(long) " : "(long) (" + UNIT_CASTS[unit - 1] + ") ") + vh + ".get(segment, " + start
                + "L)";
        String bits = "(unit << " + (64 - shift - width) + ") " + (p.signed() ? ">>" : ">>>") + " " + (64 - width);
        var getter = StructEmitter.getter(name, decl, type).addStatement("long unit = $L", read);
        if (type.equals(TypeName.BOOLEAN)) {
            getter.addStatement("return ($L) != 0", bits);
        } else if (type.equals(TypeName.LONG)) {
            getter.addStatement("return $L", bits);
        } else {
            getter.addStatement("return ($T) ($L)", type, bits);
        }
        c.addMethod(getter.build());
        if (f.isConst()) {
            return;
        }
        long mask = (width == 64 ? -1L : (1L << width) - 1) << shift;
        long min = p.signed() ? -(1L << (width - 1)) : 0;
        long max = p.signed() ? (1L << (width - 1)) - 1 : width == 64 ? -1L : (1L << width) - 1;
        var setter = StructEmitter.setter(name, decl, self, type).addStatement("long bits = $L", toLong(type, p));
        if (width < 64 && !type.equals(TypeName.BOOLEAN)) {
            setter.beginControlFlow("if (bits < $LL || bits > $LL)", min, max)
                    .addStatement(
                            "throw $T.bitfieldRange(bits, $S, $L, $LL, $LL)",
                            BindingMemory.class,
                            f.name(),
                            width,
                            min,
                            max)
                    .endControlFlow();
        }
        setter.addStatement("long unit = $L", read)
                .addStatement("unit = (unit & $LL) | ((bits << $L) & $LL)", ~mask, shift, mask)
                .addStatement(
                        "$L.set(segment, $LL, $Lunit)", vh, start, unit == 8 ? "" : "(" + UNIT_CASTS[unit - 1] + ") ")
                .addStatement("return this");
        c.addMethod(setter.build());
    }

    // The value as a long: unsigned types as their unsigned value, so the range check is C's.
    private static String toLong(TypeName type, PrimitiveType p) {
        if (type.equals(TypeName.BOOLEAN)) {
            return "value ? 1L : 0L";
        }
        if (p.signed()) {
            return "value";
        }
        if (type.equals(TypeName.BYTE)) {
            return "Byte.toUnsignedLong(value)";
        }
        if (type.equals(TypeName.SHORT)) {
            return "Short.toUnsignedLong(value)";
        }
        if (type.equals(TypeName.INT)) {
            return "Integer.toUnsignedLong(value)";
        }
        return "value";
    }
}

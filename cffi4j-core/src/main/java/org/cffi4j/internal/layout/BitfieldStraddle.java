package org.cffi4j.internal.layout;

/**
 * gcc's PCC_BITFIELD_TYPE_MATTERS rule (stor-layout's {@code excess_unit_span}): a bitfield may
 * not span more alignment units of its declared type than the type itself has; if it would, it
 * starts at the next unit instead. On x86-64 the rule is off for packed bitfields, under
 * {@code #pragma pack(N)}, for zero widths, and for bitfields gcc treats as plain integers.
 */
final class BitfieldStraddle {
    private BitfieldStraddle() {}

    /**
     * Whether the bitfield must move to the next alignment unit of its type.
     *
     * @param m a checked bitfield
     * @param fa its alignments
     * @param packed whether it is packed (its own attribute or the record's)
     * @param maxPack the {@code #pragma pack} in force, 0 if none
     * @param position where it would start, in bits (after its own alignment)
     * @param clang whether clang's form of the rule applies (see {@code Abi.BitfieldRules.PCC_CLANG})
     */
    static boolean mustMove(
            MemberSpec m, FieldAlignment fa, boolean packed, int maxPack, long position, boolean clang) {
        if (packed || maxPack != 0 || m.bitWidth() == 0 || fa.modeSized()) {
            return false;
        }
        long unit = Bits.ofBytes(m.type().byteAlignment());
        long typeSize = Bits.ofBytes(m.type().byteSize());
        long startInUnit = position % unit;
        if (clang) {
            return startInUnit + m.bitWidth() > typeSize;
        }
        return (startInUnit + m.bitWidth() + unit - 1) / unit > typeSize / unit;
    }
}

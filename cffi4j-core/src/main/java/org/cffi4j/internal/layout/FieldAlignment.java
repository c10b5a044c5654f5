package org.cffi4j.internal.layout;

import org.cffi4j.internal.platform.Abi;

/**
 * The alignments gcc derives for one member just before placing it (stor-layout's
 * {@code layout_decl} and {@code update_alignment_for_field}), in bits.
 *
 * @param desired the alignment of the member's own position (DECL_ALIGN)
 * @param recordAlign how far the member raises the alignment of the enclosing record
 * @param modeSized whether gcc handles the bitfield as a plain integer: its width is that of a
 *     machine integer (8, 16, 32, 64 or 128 bits) and the position is already aligned to it. Such
 *     a bitfield is exempt from the straddling rule.
 */
record FieldAlignment(long desired, long recordAlign, boolean modeSized) {

    /**
     * The alignments of a checked member.
     *
     * @param m the member
     * @param packed whether gcc marks it DECL_PACKED (its own {@code packed}, or the record's)
     * @param maxPack the {@code #pragma pack} in force, in bits, 0 if none
     * @param knownAlign the alignment the current position already has, in bits, 0 for "any"
     *     (the start of a struct, every member of a union)
     * @param abi the platform: whether unnamed bitfields raise the record's alignment as named ones
     *     do ({@code targetm.align_anon_bitfield}), how its integer modes are aligned
     */
    static FieldAlignment of(MemberSpec m, boolean packed, long maxPack, long knownAlign, Abi abi) {
        boolean unnamedAlign = abi.unnamedBitfieldsAlign();
        long typeAlign = Bits.ofBytes(m.type().byteAlignment());
        long userAlign = Bits.ofBytes(m.alignedAttr());
        if (!m.isBitfield()) {
            long desired = packed && userAlign > 0 ? userAlign : Math.max(userAlign, typeAlign);
            desired = capped(desired, packed && userAlign == 0, maxPack);
            return new FieldAlignment(desired, desired, false);
        }
        if (m.bitWidth() == 0) {
            // Zero-width bitfields ignore packed and #pragma pack; unnamed, they leave the record's
            // alignment alone unless the platform says otherwise (targetm.align_anon_bitfield).
            long desired = Math.max(Math.max(userAlign, 1), typeAlign);
            return new FieldAlignment(desired, unnamedAlign ? desired : 0, false);
        }
        boolean modeSized = isModeSized(m.bitWidth(), packed, knownAlign);
        long desired = Math.max(userAlign, 1);
        if (modeSized) {
            desired = Math.max(desired, modeAlignment(m.bitWidth(), abi));
        }
        desired = capped(desired, packed && userAlign == 0, maxPack);
        long recordAlign = m.name() == null && !unnamedAlign
                ? 0
                : Math.max(desired, bitfieldTypeAlign(typeAlign, packed, maxPack));
        return new FieldAlignment(desired, recordAlign, modeSized);
    }

    // layout_decl's tail: packing lowers an alignment not given on the member itself to a byte;
    // #pragma pack caps every alignment, even an explicit aligned(N).
    private static long capped(long align, boolean packedDown, long maxPack) {
        long a = packedDown ? Math.min(align, Bits.PER_BYTE) : align;
        return maxPack > 0 ? Math.min(a, maxPack) : a;
    }

    // A named bitfield gives the record its type's alignment, capped by pack(N), else by packed.
    private static long bitfieldTypeAlign(long typeAlign, boolean packed, long maxPack) {
        if (maxPack > 0) {
            return Math.min(typeAlign, maxPack);
        }
        return packed ? Math.min(typeAlign, Bits.PER_BYTE) : typeAlign;
    }

    // GET_MODE_ALIGNMENT of the integer mode of this width: that of the platform's integer type of
    // the width (TImode is 8-byte aligned on s390x), else the width.
    private static long modeAlignment(int width, Abi abi) {
        return abi.primitives().values().stream()
                .filter(p -> p.kind() == org.cffi4j.ctype.PrimitiveType.Kind.INTEGER && p.size() * 8 == width)
                .mapToLong(p -> Bits.ofBytes(p.alignment()))
                .max()
                .orElse(width);
    }

    // layout_decl: "see if we can use an ordinary integer mode for a bit-field". On x86-64 the
    // integer modes are 8..128 bits wide and aligned to their width.
    private static boolean isModeSized(int width, boolean packed, long knownAlign) {
        boolean isMode = width >= 8 && width <= 128 && Integer.bitCount(width) == 1;
        return isMode && !(width > 8 && packed) && (knownAlign == 0 || knownAlign >= width);
    }
}

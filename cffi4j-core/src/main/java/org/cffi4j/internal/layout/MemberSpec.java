package org.cffi4j.internal.layout;

import org.cffi4j.ctype.CType;

/**
 * One member of a struct or union as declared, before layout.
 *
 * @param name the member's name, or {@code null} (unnamed bitfield, anonymous struct/union member)
 * @param type the declared type (complete, or an open array as the last member)
 * @param bitWidth the bitfield width, or -1 for an ordinary member
 * @param alignedAttr the alignment of {@code __attribute__((aligned(N)))} or {@code _Alignas(N)} on
 *     the member, 0 if none
 * @param packedAttr whether {@code __attribute__((packed))} is on the member
 * @param qualifiers the member's own qualifiers ({@link org.cffi4j.ctype.Qualifiers})
 */
public record MemberSpec(String name, CType type, int bitWidth, long alignedAttr, boolean packedAttr, int qualifiers) {

    /** A member without qualifiers. */
    public MemberSpec(String name, CType type, int bitWidth, long alignedAttr, boolean packedAttr) {
        this(name, type, bitWidth, alignedAttr, packedAttr, 0);
    }

    /** An ordinary member with no attribute. */
    public static MemberSpec of(String name, CType type) {
        return new MemberSpec(name, type, -1, 0, false);
    }

    /** A bitfield with no attribute. */
    public static MemberSpec bitfield(String name, CType type, int width) {
        return new MemberSpec(name, type, width, 0, false);
    }

    /** Whether the member is a bitfield. */
    public boolean isBitfield() {
        return bitWidth >= 0;
    }
}

package org.cffi4j.ctype;

/**
 * A member of a struct or union, with its place as the C compiler lays it out.
 *
 * @param name the member's name, or {@code null} for an anonymous struct/union member or an
 *     unnamed bitfield
 * @param type the member's declared type (for a bitfield, the declared integer type)
 * @param byteOffset the offset in bytes from the start of the enclosing struct; for a bitfield,
 *     the byte holding its lowest bit
 * @param bitOffset for a bitfield, the position of its lowest bit within that byte (0..7, counting
 *     from the least significant bit); 0 otherwise
 * @param bitWidth for a bitfield, its width in bits; -1 for an ordinary member
 * @param qualifiers the member's own qualifiers, a combination of {@link Qualifiers#CONST} and
 *     {@link Qualifiers#VOLATILE} ({@code const int x;} has {@code CONST})
 */
public record Field(String name, CType type, long byteOffset, int bitOffset, int bitWidth, int qualifiers) {

    /**
     * A member without qualifiers.
     *
     * @param name the member's name, or {@code null} for an anonymous member or unnamed bitfield
     * @param type the member's declared type
     * @param byteOffset the offset in bytes from the start of the enclosing struct
     * @param bitOffset for a bitfield, the position of its lowest bit within that byte; 0 otherwise
     * @param bitWidth for a bitfield, its width in bits; -1 for an ordinary member
     */
    public Field(String name, CType type, long byteOffset, int bitOffset, int bitWidth) {
        this(name, type, byteOffset, bitOffset, bitWidth, 0);
    }

    /**
     * Whether the member is declared {@code const}: C lets only an initialiser set it.
     *
     * @return true for a {@code const} member
     */
    public boolean isConst() {
        return (qualifiers & Qualifiers.CONST) != 0;
    }

    /**
     * Whether the member is a bitfield, {@code int x : 3;}.
     *
     * @return true for a bitfield
     */
    public boolean isBitfield() {
        return bitWidth >= 0;
    }

    /**
     * The bit position of the member from the start of the struct (byteOffset * 8 + bitOffset).
     *
     * @return the position in bits
     */
    public long bitPosition() {
        return byteOffset * 8 + bitOffset;
    }

    /**
     * Whether this is an anonymous struct or union member, whose own members are reached directly.
     *
     * @return true for an anonymous struct or union member
     */
    public boolean isAnonymousMember() {
        return name == null && !isBitfield() && type instanceof StructType;
    }
}

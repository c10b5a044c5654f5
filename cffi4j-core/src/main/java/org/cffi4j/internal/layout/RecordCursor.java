package org.cffi4j.internal.layout;

/**
 * The next free position while a struct is laid out, kept as gcc keeps it (stor-layout's
 * record_layout_info): a coarse {@code offset}, always a multiple of the offset alignment, plus a
 * {@code bitpos} below it. The split is visible in one place: the bitfield straddling rule rounds
 * {@code bitpos} alone, so a bitfield whose type is aligned beyond the offset alignment lands at
 * {@code offset + roundUp(bitpos, align)} rather than at an absolute multiple of its alignment.
 */
final class RecordCursor {
    private final long offsetAlign;
    private long offset;
    private long bitpos;

    /**
     * A cursor at the start of a record.
     *
     * @param initialRecordAlign the record's alignment before its fields (its {@code aligned(N)}),
     *     in bits
     * @param biggestAlignment gcc's BIGGEST_ALIGNMENT, in bits: the least unit the offset moves by
     */
    RecordCursor(long initialRecordAlign, long biggestAlignment) {
        this.offsetAlign = Math.max(initialRecordAlign, biggestAlignment);
    }

    /** The absolute position, in bits. */
    long position() {
        return offset + bitpos;
    }

    /** What gcc knows of the alignment of the position (place_field's known_align); 0 = any. */
    long knownAlign() {
        return bitpos != 0 ? Bits.knownAlignment(bitpos) : Bits.knownAlignment(offset);
    }

    /** Skips to a multiple of {@code align} (bits), as place_field does for the desired alignment. */
    void alignTo(long align) {
        if (align < offsetAlign) {
            bitpos = Bits.roundUp(bitpos, align);
        } else {
            offset = Bits.roundUp(Math.addExact(offset, Bits.roundUp(bitpos, Bits.PER_BYTE)), align);
            bitpos = 0;
        }
    }

    /** Rounds the bit part of the position up to {@code align}: the straddling rule's move. */
    void roundBitposUp(long align) {
        bitpos = Bits.roundUp(bitpos, align);
    }

    /** Moves past a member of {@code sizeInBits}, then normalizes as gcc does. */
    void advance(long sizeInBits) {
        bitpos = Math.addExact(bitpos, sizeInBits);
        normalize();
    }

    /** Moves whole offset-alignment units from {@code bitpos} into {@code offset} (normalize_rli). */
    void normalize() {
        if (bitpos >= offsetAlign) {
            long whole = bitpos - bitpos % offsetAlign;
            offset = Math.addExact(offset, whole);
            bitpos -= whole;
        }
    }
}

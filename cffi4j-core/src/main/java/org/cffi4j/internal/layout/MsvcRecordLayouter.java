package org.cffi4j.internal.layout;

import java.util.ArrayList;
import java.util.List;
import org.cffi4j.ctype.ArrayType;
import org.cffi4j.ctype.CType;
import org.cffi4j.ctype.Field;
import org.cffi4j.ctype.PrimitiveType;
import org.cffi4j.ctype.StructType;
import org.cffi4j.internal.platform.Abi;

/**
 * Lays out structs and unions by Microsoft's rules, as MSVC and clang's {@code *-windows-msvc}
 * targets do, in bytes:
 *
 * <ul>
 *   <li>a member is aligned to its type's alignment, lowered by {@code #pragma pack(N)} (ignored
 *       when N exceeds the pointer size) or {@code packed}, raised again by {@code aligned(N)};
 *   <li>a bitfield shares the storage unit of the bitfield before it only if their declared types
 *       have the same size and the unit has room; otherwise it opens a new unit of its type's size;
 *   <li>a zero-width bitfield closes the open unit and aligns what follows to its type; after
 *       anything but a bitfield it does nothing at all;
 *   <li>a union ignores the alignment of its bitfields;
 *   <li>a record with no member is 4 bytes (C's rule there).
 * </ul>
 */
final class MsvcRecordLayouter {
    private static final long EMPTY_RECORD_SIZE = 4;

    private final Abi abi;
    private final boolean recordAligned;
    private final boolean union;
    private final long maxFieldAlign; // 0 = no cap
    private final List<Field> fields = new ArrayList<>();
    private long size;
    private long alignment = 1;
    private long requiredAlignment = 1;
    // The open bitfield unit: the size of the type that opened it, and its bits still free.
    private boolean inBitfieldUnit;
    private long unitSize;
    private long unitBitsLeft;

    private MsvcRecordLayouter(RecordSpec spec, Abi abi) {
        this.abi = abi;
        this.recordAligned = spec.alignedAttr() > 0;
        this.union = spec.kind() == StructType.Kind.UNION;
        long pack = spec.maxPack() > 0 && spec.maxPack() <= abi.pointerSize() ? spec.maxPack() : 0;
        this.maxFieldAlign = spec.packed() ? 1 : pack;
        this.requiredAlignment = Math.max(1, spec.alignedAttr());
    }

    static RecordLayout layout(RecordSpec spec, List<MemberSpec> members, Abi abi) {
        MsvcRecordLayouter l = new MsvcRecordLayouter(spec, abi);
        for (MemberSpec m : members) {
            if (!m.isBitfield()) {
                l.ordinary(m);
            } else if (m.bitWidth() == 0) {
                l.zeroWidth(m);
            } else {
                l.bitfield(m);
            }
        }
        return l.finish();
    }

    // The member's alignment after pack, packed and aligned(N) (clang's getAdjustedElementInfo).
    private long alignmentOf(MemberSpec m) {
        long align = m.type().byteAlignment();
        long typeRequired = requiredAlignment(m.type());
        long required = Math.max(m.alignedAttr(), typeRequired);
        if (m.isBitfield()) {
            // aligned(N) on a bitfield raises its alignment, not the record's required alignment
            align = Math.max(align, required);
            requiredAlignment = Math.max(requiredAlignment, typeRequired);
        } else {
            requiredAlignment = Math.max(requiredAlignment, required);
        }
        if (maxFieldAlign > 0) {
            align = Math.min(align, maxFieldAlign);
        }
        if (m.packedAttr()) {
            align = 1;
        }
        return Math.max(align, required);
    }

    private void ordinary(MemberSpec m) {
        inBitfieldUnit = false;
        long align = alignmentOf(m);
        alignment = Math.max(alignment, align);
        long offset = union ? 0 : Bits.roundUp(size, align);
        fields.add(RecordLayouter.field(m, Bits.ofBytes(offset)));
        size = Math.max(size, Math.addExact(offset, memberSize(m)));
    }

    private void bitfield(MemberSpec m) {
        long typeSize = m.type().byteSize();
        if (!union && inBitfieldUnit && unitSize == typeSize && m.bitWidth() <= unitBitsLeft) {
            fields.add(RecordLayouter.field(m, Bits.ofBytes(size) - unitBitsLeft));
            unitBitsLeft -= m.bitWidth();
            return;
        }
        inBitfieldUnit = true;
        unitSize = typeSize;
        if (union) {
            fields.add(RecordLayouter.field(m, 0));
            size = Math.max(size, typeSize);
            return;
        }
        long align = alignmentOf(m); // a union's bitfields count for its size, not its alignment
        long offset = Bits.roundUp(size, align);
        fields.add(RecordLayouter.field(m, Bits.ofBytes(offset)));
        size = Math.addExact(offset, typeSize);
        alignment = Math.max(alignment, align);
        unitBitsLeft = Bits.ofBytes(typeSize) - m.bitWidth();
    }

    private void zeroWidth(MemberSpec m) {
        if (!inBitfieldUnit) {
            fields.add(RecordLayouter.field(m, Bits.ofBytes(union ? 0 : size)));
            return;
        }
        inBitfieldUnit = false;
        if (union) {
            fields.add(RecordLayouter.field(m, 0));
            size = Math.max(size, m.type().byteSize());
            return;
        }
        long align = alignmentOf(m);
        long offset = Bits.roundUp(size, align);
        fields.add(RecordLayouter.field(m, Bits.ofBytes(offset)));
        size = offset;
        alignment = Math.max(alignment, align);
    }

    // The alignment a type insists on (clang's isAlignmentRequired and getRequiredAlignment): a
    // typedef's aligned(N), a record's own or its members' aligned(N), an array's element's.
    private long requiredAlignment(CType t) {
        return switch (t) {
            case ArrayType a -> requiredAlignment(a.element());
            case StructType s -> RequiredAlignments.of(s);
            case PrimitiveType p ->
                abi.primitives().containsKey(p.name())
                                && abi.primitives().get(p.name()).byteAlignment() != p.byteAlignment()
                        ? p.byteAlignment()
                        : 0;
            default -> 0;
        };
    }

    private static long memberSize(MemberSpec m) {
        return m.type() instanceof ArrayType a && !a.hasLength() ? 0 : m.type().byteSize();
    }

    private RecordLayout finish() {
        alignment = Math.max(alignment, requiredAlignment);
        long total = Bits.roundUp(size, alignment);
        if (total == 0) {
            total = requiredAlignment >= EMPTY_RECORD_SIZE ? alignment : EMPTY_RECORD_SIZE;
        }
        // aligned(N) on the record itself makes its whole alignment required (declspec(align)'s rule)
        long required = recordAligned ? alignment : requiredAlignment;
        return new RecordLayout(fields, total, alignment, required);
    }
}

package org.cffi4j.internal.layout;

import java.util.ArrayList;
import java.util.List;
import org.cffi4j.FFIException;
import org.cffi4j.ctype.ArrayType;
import org.cffi4j.ctype.Field;
import org.cffi4j.ctype.StructType;
import org.cffi4j.internal.platform.Abi;

/**
 * Lays out structs and unions for a platform: by Microsoft's rules ({@link MsvcRecordLayouter}) on
 * Windows, else as gcc does, following gcc's stor-layout, with the sizes, alignments and largest
 * alignment of the platform's {@link Abi} and gcc's PCC bitfield rules (the tests check the layouts
 * against each platform's compiler): natural alignment, bitfields with the PCC rules (a bitfield never spans more
 * alignment units of its type than the type has; named bitfields give the record their type's
 * alignment, unnamed and zero-width ones do not; a zero-width bitfield aligns what follows),
 * {@code packed} on records and members, {@code aligned(N)} and {@code _Alignas}, {@code #pragma
 * pack(N)}, flexible and zero-length arrays.
 *
 * <p>Work is done in bits. A field's place is its bit position: {@code byteOffset = position / 8},
 * {@code bitOffset = position % 8}.
 */
public final class RecordLayouter {
    private RecordLayouter() {}

    /**
     * The layout of a declared struct or union body.
     *
     * @throws FFIException if gcc would reject the body (a bitfield wider than its type or of a
     *     non-integer type, a member of incomplete type, a misplaced flexible array member, an
     *     alignment that is not a power of two...) or if its size overflows
     */
    public static RecordLayout layout(RecordSpec spec, Abi abi) {
        List<MemberSpec> members = MemberChecker.check(spec);
        try {
            if (abi.bitfields() == Abi.BitfieldRules.MSVC) {
                return MsvcRecordLayouter.layout(spec, members, abi);
            }
            return spec.kind() == StructType.Kind.UNION
                    ? layoutUnion(spec, members, abi)
                    : layoutStruct(spec, members, abi);
        } catch (ArithmeticException e) {
            throw new FFIException("'" + spec.name() + "' is too large: its size overflows", e);
        }
    }

    private static RecordLayout layoutStruct(RecordSpec spec, List<MemberSpec> members, Abi abi) {
        long recordAlign = initialAlign(spec);
        RecordCursor cursor = new RecordCursor(recordAlign, Bits.ofBytes(abi.biggestAlignment()));
        List<Field> fields = new ArrayList<>(members.size());
        for (MemberSpec m : members) {
            boolean packed = isPacked(spec, m);
            FieldAlignment fa = FieldAlignment.of(m, packed, Bits.ofBytes(spec.maxPack()), cursor.knownAlign(), abi);
            recordAlign = Math.max(recordAlign, fa.recordAlign());
            cursor.alignTo(fa.desired());
            if (m.isBitfield()
                    && BitfieldStraddle.mustMove(
                            m,
                            fa,
                            packed,
                            spec.maxPack(),
                            cursor.position(),
                            abi.bitfields() == Abi.BitfieldRules.PCC_CLANG)) {
                cursor.roundBitposUp(Bits.ofBytes(m.type().byteAlignment()));
            }
            cursor.normalize();
            fields.add(field(m, cursor.position()));
            cursor.advance(sizeInBits(m));
        }
        return finish(fields, cursor.position(), recordAlign);
    }

    // Every member of a union sits at 0; the union is as large as its largest member's bytes.
    private static RecordLayout layoutUnion(RecordSpec spec, List<MemberSpec> members, Abi abi) {
        long recordAlign = initialAlign(spec);
        long size = 0;
        List<Field> fields = new ArrayList<>(members.size());
        for (MemberSpec m : members) {
            FieldAlignment fa = FieldAlignment.of(m, isPacked(spec, m), Bits.ofBytes(spec.maxPack()), 0, abi);
            recordAlign = Math.max(recordAlign, fa.recordAlign());
            size = Math.max(size, Bits.roundUp(sizeInBits(m), Bits.PER_BYTE));
            fields.add(field(m, 0));
        }
        return finish(fields, size, recordAlign);
    }

    // start_record_layout: a record starts with a byte's alignment, or its own aligned(N).
    private static long initialAlign(RecordSpec spec) {
        return Math.max(Bits.PER_BYTE, Bits.ofBytes(spec.alignedAttr()));
    }

    // The C front end marks every member of a packed record DECL_PACKED (gcc >= 4.4, bitfields too).
    private static boolean isPacked(RecordSpec spec, MemberSpec m) {
        return spec.packed() || m.packedAttr();
    }

    static long sizeInBits(MemberSpec m) {
        if (m.isBitfield()) {
            return m.bitWidth();
        }
        if (m.type() instanceof ArrayType a && !a.hasLength()) {
            return 0; // a flexible array member adds no size, only its alignment
        }
        return Bits.ofBytes(m.type().byteSize());
    }

    static Field field(MemberSpec m, long position) {
        return new Field(
                m.name(),
                m.type(),
                position / Bits.PER_BYTE,
                (int) (position % Bits.PER_BYTE),
                m.bitWidth(),
                m.qualifiers());
    }

    // finalize_record_size: the size in whole bytes, rounded up to the record's alignment.
    private static RecordLayout finish(List<Field> fields, long sizeInBits, long alignInBits) {
        long align = alignInBits / Bits.PER_BYTE;
        long size = Bits.roundUp(Bits.toBytesCeil(sizeInBits), align);
        return new RecordLayout(fields, size, align);
    }
}

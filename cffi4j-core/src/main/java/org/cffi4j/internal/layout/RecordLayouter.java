package org.cffi4j.internal.layout;

import java.util.ArrayList;
import java.util.List;
import org.cffi4j.ctype.ArrayType;
import org.cffi4j.ctype.Field;
import org.cffi4j.ctype.StructType;

/**
 * Lays out structs and unions as gcc does on the platform. (First cut: natural alignment only;
 * the bitfield, packed, aligned and pack(N) rules are being written.)
 */
public final class RecordLayouter {
    private RecordLayouter() {}

    /** The layout of a declared struct or union body. */
    public static RecordLayout layout(RecordSpec spec) {
        List<Field> fields = new ArrayList<>();
        long offset = 0;
        long size = 0;
        long align = 1;
        boolean union = spec.kind() == StructType.Kind.UNION;
        for (MemberSpec m : spec.members()) {
            long a = m.type().byteAlignment();
            long s = m.type() instanceof ArrayType arr && !arr.hasLength() ? 0 : m.type().byteSize();
            long at = union ? 0 : (offset + a - 1) / a * a;
            fields.add(new Field(m.name(), m.type(), at, 0, m.bitWidth()));
            offset = at + s;
            size = Math.max(size, offset);
            align = Math.max(align, a);
        }
        size = (size + align - 1) / align * align;
        return new RecordLayout(fields, size, align);
    }
}

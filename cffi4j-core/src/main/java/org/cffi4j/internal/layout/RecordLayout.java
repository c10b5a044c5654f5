package org.cffi4j.internal.layout;

import java.util.List;
import org.cffi4j.ctype.Field;

/**
 * The layout of a struct or union as the platform's C compiler computes it.
 *
 * @param fields the members with their offsets, in declaration order
 * @param size {@code sizeof} the type
 * @param alignment {@code _Alignof} the type
 * @param requiredAlignment the alignment no {@code #pragma pack} or {@code packed} of an enclosing
 *     record lowers (Microsoft's rules: an {@code aligned(N)} on the record or inside it); 0 where
 *     the rules have no such thing
 */
public record RecordLayout(List<Field> fields, long size, long alignment, long requiredAlignment) {

    /** A layout without a required alignment (gcc's rules). */
    public RecordLayout(List<Field> fields, long size, long alignment) {
        this(fields, size, alignment, 0);
    }

    /** Copies the field list so that the layout stays immutable. */
    public RecordLayout {
        fields = List.copyOf(fields);
    }
}

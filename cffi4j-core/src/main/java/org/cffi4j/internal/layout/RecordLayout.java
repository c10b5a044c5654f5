package org.cffi4j.internal.layout;

import java.util.List;
import org.cffi4j.ctype.Field;

/**
 * The layout of a struct or union as the platform's C compiler computes it.
 *
 * @param fields the members with their offsets, in declaration order
 * @param size {@code sizeof} the type
 * @param alignment {@code _Alignof} the type
 */
public record RecordLayout(List<Field> fields, long size, long alignment) {

    /** Copies the field list so that the layout stays immutable. */
    public RecordLayout {
        fields = List.copyOf(fields);
    }
}

package org.cffi4j.internal.layout;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import org.cffi4j.ctype.StructType;

/**
 * The required alignment of each record laid out by Microsoft's rules (an {@code aligned(N)} on it or
 * inside it), which the layout of a record that embeds it needs and the type model does not carry.
 */
public final class RequiredAlignments {
    private static final Map<StructType, Long> REQUIRED = Collections.synchronizedMap(new WeakHashMap<>());

    private RequiredAlignments() {}

    /** Notes the required alignment a layout found for a record, if it has one beyond a byte. */
    public static void remember(StructType record, RecordLayout layout) {
        if (layout.requiredAlignment() > 1) {
            REQUIRED.put(record, layout.requiredAlignment());
        }
    }

    /** The required alignment of a record, 0 if it has none. */
    static long of(StructType record) {
        return REQUIRED.getOrDefault(record, 0L);
    }
}

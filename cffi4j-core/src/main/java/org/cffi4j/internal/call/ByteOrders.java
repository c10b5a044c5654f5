package org.cffi4j.internal.call;

import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.PaddingLayout;
import java.lang.foreign.SequenceLayout;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * A layout with every scalar in another byte order: the layout of a big-endian platform's type
 * (s390x) in an FFI of that platform on a little-endian machine, or the reverse.
 */
public final class ByteOrders {
    private ByteOrders() {}

    /** {@code layout}, names and alignments kept, with each value layout in {@code order}. */
    public static MemoryLayout withOrder(MemoryLayout layout, ByteOrder order) {
        MemoryLayout changed = switch (layout) {
            case ValueLayout v -> v.withOrder(order);
            case SequenceLayout s -> MemoryLayout.sequenceLayout(s.elementCount(), withOrder(s.elementLayout(), order));
            case GroupLayout g -> {
                MemoryLayout[] members =
                        g.memberLayouts().stream().map(m -> withOrder(m, order)).toArray(MemoryLayout[]::new);
                yield g instanceof StructLayout
                        ? MemoryLayout.structLayout(members)
                        : MemoryLayout.unionLayout(members);
            }
            case PaddingLayout p -> p;
        };
        changed = changed.withByteAlignment(layout.byteAlignment());
        return layout.name().map(changed::withName).orElse(changed);
    }
}

package org.cffi4j.internal.convert;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.cffi4j.FFIException;
import org.cffi4j.ctype.CType;
import org.cffi4j.ctype.EnumType;
import org.cffi4j.ctype.PointerType;
import org.cffi4j.ctype.PrimitiveType;
import org.cffi4j.ctype.VoidType;
import org.cffi4j.internal.memory.CallScope;

/**
 * Passes a Java primitive array where C expects a pointer to its items: the items are copied into
 * native memory for the call and copied back after it, so C can read and write them.
 */
final class JavaArrays {
    private JavaArrays() {}

    static MemorySegment pass(PointerType p, Object array, CallScope scope, Object where) {
        ValueLayout item = itemLayout(array);
        CType target = p.target() instanceof EnumType e ? e.underlying() : p.target();
        if (!(target instanceof VoidType) && !matches(target, array, item)) {
            throw new FFIException("cannot convert a Java " + array.getClass().getComponentType() + "[] to '" + p
                    + "' (" + where + "): the items have another C type");
        }
        MemorySegment heap = heapOf(array);
        MemorySegment m = scope.allocate(heap.byteSize(), item.byteAlignment());
        MemorySegment.copy(heap, 0, m, 0, heap.byteSize());
        scope.afterCall(() -> MemorySegment.copy(m, 0, heap, 0, heap.byteSize()));
        return m;
    }

    private static boolean matches(CType target, Object array, ValueLayout item) {
        if (!(target instanceof PrimitiveType p) || !p.isComplete() || p.size() != item.byteSize()) {
            return false;
        }
        boolean floating = array instanceof float[] || array instanceof double[];
        return floating == (p.kind() == PrimitiveType.Kind.FLOATING);
    }

    private static ValueLayout itemLayout(Object array) {
        return switch (array) {
            case byte[] b -> ValueLayout.JAVA_BYTE;
            case short[] s -> ValueLayout.JAVA_SHORT;
            case char[] c -> ValueLayout.JAVA_CHAR;
            case int[] i -> ValueLayout.JAVA_INT;
            case long[] l -> ValueLayout.JAVA_LONG;
            case float[] f -> ValueLayout.JAVA_FLOAT;
            case double[] d -> ValueLayout.JAVA_DOUBLE;
            case boolean[] z -> throw new FFIException("a Java boolean[] has no C layout; use byte[] for _Bool[]");
            default -> throw new FFIException("not a primitive array: " + array.getClass());
        };
    }

    private static MemorySegment heapOf(Object array) {
        return switch (array) {
            case byte[] b -> MemorySegment.ofArray(b);
            case short[] s -> MemorySegment.ofArray(s);
            case char[] c -> MemorySegment.ofArray(c);
            case int[] i -> MemorySegment.ofArray(i);
            case long[] l -> MemorySegment.ofArray(l);
            case float[] f -> MemorySegment.ofArray(f);
            case double[] d -> MemorySegment.ofArray(d);
            default -> throw new FFIException("not a primitive array: " + array.getClass());
        };
    }
}

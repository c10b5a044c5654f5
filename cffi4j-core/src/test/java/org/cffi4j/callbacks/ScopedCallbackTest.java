package org.cffi4j.callbacks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.cffi4j.CData;
import org.cffi4j.FFI;
import org.cffi4j.FFIException;
import org.cffi4j.Library;
import org.cffi4j.Scope;
import org.junit.jupiter.api.Test;

/** A scope owns callbacks as it owns memory: usable inside, released at close. */
class ScopedCallbackTest {
    /** A qsort comparator over raw pointers. */
    public interface Compare {
        int compare(MemorySegment a, MemorySegment b);
    }

    @Test
    void aScopeReleasesItsCallbacks() {
        FFI ffi = new FFI();
        ffi.cdef("void qsort(void *, size_t, size_t, int (*)(const void *, const void *));");
        Library c = ffi.dlopen(null);
        CData cmp;
        try (Scope scope = ffi.scope()) {
            CData items = scope.alloc("int[]", new int[] {3, 1, 2});
            cmp = scope.callback("int(*)(const void *, const void *)", (Compare) (a, b) -> Integer.compare(
                    a.reinterpret(4).get(ValueLayout.JAVA_INT, 0),
                    b.reinterpret(4).get(ValueLayout.JAVA_INT, 0)));
            c.call("qsort", items, 3L, 4L, cmp);
            assertArrayEquals(new int[] {1, 2, 3}, (int[]) ffi.unpack(items, 3));
        }
        CData released = cmp;
        FFIException e = assertThrows(FFIException.class, () -> c.call("qsort", FFI.NULL, 0L, 4L, released));
        assertTrue(e.getMessage().contains("after it was released"), e.getMessage());
    }
}

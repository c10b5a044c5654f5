package org.cffi4j.callbacks;

import java.lang.foreign.MemorySegment;
import org.cffi4j.CData;
import org.cffi4j.FFI;
import org.cffi4j.Library;

/**
 * Run in a forked JVM by {@link CallbackReportTest}: a typed callback returns a heap
 * MemorySegment where C expects a pointer, which has no address for C.
 */
public final class HeapSegmentResultMain {
    private HeapSegmentResultMain() {}

    public static void main(String[] args) {
        FFI ffi = new FFI();
        ffi.cdef("int *apply_find(int *(*f)(int *, int, int), int *items, int n, int wanted);");
        Library lib = ffi.dlopen(args[0]);
        CData f = ffi.callback("int *(*)(int *, int, int)", (CallbackReportTest.Finder)
                (items, n, wanted) -> MemorySegment.ofArray(new int[] {wanted}));
        CData found = (CData) lib.call("apply_find", f, ffi.alloc("int[3]", new int[] {1, 2, 3}), 3, 2);
        System.out.println("NULL " + found.isNull());
        System.out.println("DONE");
    }
}

package org.cffi4j.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.cffi4j.CData;
import org.cffi4j.FFI;
import org.cffi4j.FFIException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code ffi.newHandle} / {@code ffi.fromHandle}: a Java object behind a {@code void *}, through C
 * and back (the callback tests pass handles through {@code qsort_r}, {@code sqlite3_exec},
 * {@code pthread_create} and {@code z_stream.opaque}); here the rules of the handles themselves.
 */
class HandlesTest {
    private static FFI ffi;

    @BeforeAll
    static void load() {
        ffi = new FFI();
        ffi.cdef("void *memcpy(void *dst, const void *src, size_t n);");
    }

    @Test
    void aHandleIsAVoidPointerThatGivesBackTheSameObject() {
        Object o = new Object();
        CData h = ffi.newHandle(o);

        assertEquals("void *", h.ctype().toString());
        assertFalse(h.isNull());
        assertSame(o, ffi.fromHandle(h));
        assertSame(o, ffi.fromHandle(ffi.cast("void *", h.address())), "any cdata with the same address will do");
        assertSame(o, ffi.fromHandle(ffi.cast("char *", h)));
        ffi.release(h);
    }

    @Test
    void aHandleStoredInCMemoryAndReadBackFindsItsObject() {
        List<String> o = List.of("x");
        CData h = ffi.newHandle(o);
        CData slot = ffi.alloc("void *[1]");
        // C copies the pointer around: only its value matters.
        ffi.dlopen(null).call("memcpy", slot, ffi.alloc("void *[1]", List.of(h)), ffi.sizeof("void *"));

        assertSame(o, ffi.fromHandle((CData) slot.get(0)));
        ffi.release(h);
    }

    @Test
    void twoHandlesOfTheSameObjectAreDistinctPointers() {
        String o = "same";
        CData a = ffi.newHandle(o);
        CData b = ffi.newHandle(o);

        assertNotEquals(a.address(), b.address());
        assertSame(o, ffi.fromHandle(a));
        assertSame(o, ffi.fromHandle(b));
        ffi.release(a);
        assertThrows(FFIException.class, () -> ffi.fromHandle(a));
        assertSame(o, ffi.fromHandle(b), "releasing one handle leaves the other");
        ffi.release(b);
    }

    @Test
    void aPointerThatIsNoHandleIsAClearError() {
        CData notAHandle = ffi.alloc("int *");

        FFIException e = assertThrows(FFIException.class, () -> ffi.fromHandle(notAHandle));

        assertEquals(
                "the pointer 0x" + Long.toHexString(notAHandle.address())
                        + " is not a live handle from ffi.newHandle (released, or never one)",
                e.getMessage());
    }

    @Test
    void aReleasedHandleIsAClearError() {
        CData h = ffi.newHandle("gone");
        long address = h.address();
        ffi.release(h);

        FFIException e = assertThrows(FFIException.class, () -> ffi.fromHandle(ffi.cast("void *", address)));

        assertEquals(
                "the pointer 0x" + Long.toHexString(address)
                        + " is not a live handle from ffi.newHandle (released, or never one)",
                e.getMessage());
        ffi.release(h); // releasing twice does nothing
    }

    @Test
    void theAddressOfAReleasedHandleIsNeverHandedOutAgain() {
        // Were it reused, a stale pointer kept by C would silently give another object.
        Set<Long> released = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            CData h = ffi.newHandle("old " + i);
            released.add(h.address());
            ffi.release(h);
        }
        List<CData> fresh = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            fresh.add(ffi.newHandle("new " + i));
        }

        for (CData h : fresh) {
            assertFalse(released.contains(h.address()), "0x" + Long.toHexString(h.address()) + " was reused");
        }
        for (long stale : released) {
            assertThrows(FFIException.class, () -> ffi.fromHandle(ffi.cast("void *", stale)));
        }
        fresh.forEach(ffi::release);
    }

    @Test
    void nullAndTheNullPointerAreNoHandles() {
        assertEquals(
                "null is not a live handle from ffi.newHandle (released, or never one)",
                assertThrows(FFIException.class, () -> ffi.fromHandle(null)).getMessage());
        assertTrue(assertThrows(FFIException.class, () -> ffi.fromHandle(FFI.NULL))
                .getMessage()
                .startsWith("the pointer 0x0 is not a live handle"));
    }

    @Test
    void aHandleOfNullRoundTrips() {
        // As CFFI's new_handle(None): a handle of null is a live handle whose object is null.
        CData h = ffi.newHandle(null);
        try {
            assertEquals(null, ffi.fromHandle(h));
        } finally {
            ffi.release(h);
        }
    }
}

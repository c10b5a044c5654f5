package org.cffi4j.abi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Map;
import org.cffi4j.CData;
import org.cffi4j.FFI;
import org.cffi4j.FFIException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Casts, member pointers and fromBuffer keep the bounds and the lifetime of the block they point
 * into: a struct read or written through such a pointer must fit the block, and what the block
 * holds past the pointer stays reachable through it.
 */
class BlockBoundsTest {
    private final FFI ffi = new FFI();

    BlockBoundsTest() {
        ffi.cdef("""
                struct big { int first; char pad[4088]; int last; };
                struct point { int x, y; };
                """);
    }

    @Test
    void aStructPointerCastFromASmallerBlockCannotReachPastIt() {
        CData small = ffi.alloc("char[32]");
        CData big = ffi.cast("struct big *", small);
        fails(
                "member 'last' is out of bounds: 'struct big *' points into a block of 32 bytes, and 'struct big'"
                        + " takes 4096",
                () -> big.set("last", 1));
        fails(
                "member 'first' is out of bounds: 'struct big *' points into a block of 32 bytes, and 'struct big'"
                        + " takes 4096",
                () -> big.get("first"));
        fails("index 0 is out of bounds: 'struct big *' points into a block of 32 bytes (0 items)", big::deref);
    }

    @Test
    void aStructPointerFromATooSmallBufferCannotReachPastIt() {
        CData big = ffi.fromBuffer("struct big *", new byte[8]);
        fails(
                "member 'last' is out of bounds: 'struct big *' points into a block of 8 bytes, and 'struct big'"
                        + " takes 4096",
                () -> big.set("last", 1));
        try (Arena arena = Arena.ofConfined()) {
            CData over = ffi.fromBuffer("struct big *", arena.allocate(16));
            fails(
                    "member 'last' is out of bounds: 'struct big *' points into a block of 16 bytes, and 'struct big'"
                            + " takes 4096",
                    () -> over.set("last", 1));
        }
        CData one = ffi.fromBuffer("struct big *", new byte[1]);
        fails(
                "member 'last' is out of bounds: 'struct big *' points into a block of 1 byte, and 'struct big'"
                        + " takes 4096",
                () -> one.get("last"));
        fails(
                "index 1 is out of bounds: 'char *' points into a block of 1 byte (1 item)",
                () -> ffi.cast("char *", ffi.fromBuffer("char[]", new byte[1])).get(1));
    }

    @Test
    void aPointerCastFromAnArraySeesTheWholeBlock() {
        assertEquals("hello", ffi.string(ffi.cast("char *", ffi.alloc("char[]", "hello"))));
        CData ints = ffi.cast("int *", ffi.alloc("int[]", new int[] {1, 2, 3, 4}));
        assertArrayEquals(new int[] {1, 2, 3, 4}, (int[]) ffi.unpack(ints, 4));
        assertEquals(4, ints.get(3));
        fails("index 4 is out of bounds: 'int *' points into a block of 16 bytes (4 items)", () -> ints.get(4));
        // ... and its lifetime
        CData block = ffi.alloc("char[]", "hello");
        CData p = ffi.cast("char *", block);
        ffi.release(block);
        fails("use of " + p + " after it was released (ffi.release, or its scope was closed)", () -> ffi.string(p));
        MemorySegment copy = MemorySegment.ofArray(new byte[4]);
        fails(
                "use of " + p + " after it was released (ffi.release, or its scope was closed)",
                () -> ffi.memmove(copy, p, 4));
    }

    @Test
    void aStructPointerIntoABlockThatHoldsItWorks() {
        CData bytes = ffi.alloc("char[16]");
        CData p = ffi.cast("struct point *", bytes).plus(1); // the second point of the 16 bytes
        p.set("y", 7);
        assertEquals(7, p.get("y"));
        assertEquals(7, (int) (Byte) bytes.get(12));
        fails(
                "member 'x' is out of bounds: 'struct point *' points into a block of 0 bytes, and 'struct point'"
                        + " takes 8",
                () -> p.plus(1).get("x"));
    }

    @Test
    void theAddressOfAMemberPastTheBlockIsNotUsable() {
        CData big = ffi.cast("struct big *", ffi.alloc("char[32]"));
        CData last = ffi.addressof(big, "last");
        assertEquals(big.address() + 4092, last.address());
        fails(
                "use of " + last + ": it was computed by pointer arithmetic outside the memory block it pointed into,"
                        + " so it cannot be read, written or passed to C",
                () -> last.set(0, 1));
        CData first = ffi.addressof(big, "first");
        first.set(0, 5); // inside the 32 bytes
        assertEquals(5, first.get(0));
    }

    @Test
    void aPointerToAStructInAnArrayReachesTheNextOne() {
        CData points = ffi.alloc("struct point[2]", new Object[] {Map.of("x", 1), Map.of("x", 2)});
        CData first = ffi.addressof((CData) points.get(0));
        assertEquals(2, ((CData) first.get(1)).get("x"));
    }

    private static void fails(String message, Executable action) {
        assertEquals(message, assertThrows(FFIException.class, action).getMessage());
    }
}

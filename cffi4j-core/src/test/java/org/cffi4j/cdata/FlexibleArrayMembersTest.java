package org.cffi4j.cdata;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.cffi4j.CData;
import org.cffi4j.FFI;
import org.cffi4j.FFIException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Flexible array members ({@code T items[]}) and gcc's zero-length arrays ({@code T data[0]}):
 * {@code ffi.alloc} makes room for the items its initialiser gives, as gcc lays out a static
 * initialiser of such a struct (the oracle: the bytes gcc gives the same initialiser; for a
 * zero-length array, whose items gcc's initialisers ignore, a struct of the same layout with room
 * for them), and the member designates the items up to the end of the block, bounds checked.
 */
class FlexibleArrayMembersTest {
    private static final String DECLARATIONS = """
            struct flex { int n; int items[]; };
            struct zero { char tag; short data[0]; };
            struct padded { long long n; char c; int items[]; };
            """;
    private static FFI ffi;
    private static String[] gcc;

    @BeforeAll
    static void declare() {
        ffi = new FFI();
        ffi.cdef(DECLARATIONS);
        gcc = CBytes.of(
                DECLARATIONS + """
                        struct flex f = { 3, { 10, -20, 30 } };
                        /* gcc ignores items given to a zero-length array: the same layout with room for them */
                        union { struct zero z; struct { char tag; short data[2]; } full; } z = { .full = { 'z', { 7, 8 } } };
                        struct padded p = { -1, 'c', { 5 } };
                        """,
                "f:offsetof(struct flex, items) + 3 * sizeof(int)",
                "z:offsetof(struct zero, data) + 2 * sizeof(short)",
                "p:sizeof(struct padded)");
    }

    @Test
    void aPositionalInitialiserSizesTheFlexibleArray() {
        CData p = ffi.alloc("struct flex *", List.of(3, List.of(10, -20, 30)));
        assertEquals(gcc[0], CBytes.hex(ffi.buffer(p)));
        assertEquals("<cdata 'struct flex *' owning 16 bytes>", p.toString());
        assertEquals(-20, p.get("items.1"));
        CData items = (CData) p.get("items");
        assertEquals("int[3]", items.ctype().toString());
        assertArrayEquals(new int[] {10, -20, 30}, (int[]) ffi.unpack(items, 3));
    }

    @Test
    void aMapInitialiserSizesItToo() {
        CData p = ffi.alloc("struct flex *", Map.of("n", 3, "items", new int[] {10, -20, 30}));
        assertEquals(gcc[0], CBytes.hex(ffi.buffer(p)));
    }

    @Test
    void aZeroLengthArrayIsUsableUpToTheEndOfTheBlock() {
        CData p = ffi.alloc("struct zero *", List.of((byte) 'z', List.of(7, 8)));
        assertEquals(gcc[1], CBytes.hex(ffi.buffer(p)));
        CData data = (CData) p.get("data");
        assertEquals("short[2]", data.ctype().toString());
        p.set("data.1", 9);
        assertEquals((short) 9, data.get(1));
    }

    // sizeof(struct padded) is 16, more than offsetof(items) + 4: the block is never smaller than the struct.
    @Test
    void theBlockIsNeverSmallerThanTheStruct() {
        CData p = ffi.alloc("struct padded *", List.of(-1L, (byte) 'c', List.of(5)));
        assertEquals(gcc[2], CBytes.hex(ffi.buffer(p)));
    }

    @Test
    void theItemsAreBoundedByTheBlock() {
        CData p = ffi.alloc("struct flex *", List.of(3, List.of(10, -20, 30)));
        assertEquals(
                "index 3 is out of bounds for 'int[]' in 'items.3': its block has room for 3 items",
                assertThrows(FFIException.class, () -> p.get("items.3")).getMessage());
        assertEquals(
                "index 3 is out of bounds for 'int[3]' (valid: 0..2)",
                assertThrows(FFIException.class, () -> ((CData) p.get("items")).set(3, 1))
                        .getMessage());
        CData z = ffi.alloc("struct zero *", List.of(1, List.of(7, 8)));
        assertEquals(
                "index 2 is out of bounds for 'short[0]' in 'data.2': its block has room for 2 items",
                assertThrows(FFIException.class, () -> z.set("data.2", 1)).getMessage());
    }

    @Test
    void withoutItemsTheArrayIsEmpty() {
        CData p = ffi.alloc("struct flex *", List.of(3));
        assertEquals("int[0]", ((CData) p.get("items")).ctype().toString());
        assertEquals(4, ffi.buffer(p).capacity());
    }

    // Memory C owns has no known end: the member is a pointer to the first item, as CFFI gives it.
    @Test
    void inMemoryCOwnsTheMemberIsAPointer() {
        CData block = ffi.alloc("struct flex *", List.of(3, List.of(10, -20, 30)));
        CData fromC = ffi.cast("struct flex *", block.address());
        CData items = (CData) fromC.get("items");
        assertEquals("int *", items.ctype().toString());
        assertEquals(30, items.get(2));
        assertEquals(-20, fromC.get("items.1"));
        fromC.set("items", List.of(7, 8));
        assertEquals(8, block.get("items.1"));
        assertEquals(30, block.get("items.2"));
        block.set("items", List.of(1, 2, 3));
        assertEquals(
                "too many initialisers for 'int[]': 4 given, room for 3 (member 'items' of 'struct flex')",
                assertThrows(FFIException.class, () -> block.set("items", List.of(1, 2, 3, 4)))
                        .getMessage());
    }
}

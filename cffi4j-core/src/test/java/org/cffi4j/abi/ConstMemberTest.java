package org.cffi4j.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.cffi4j.CData;
import org.cffi4j.FFI;
import org.cffi4j.FFIException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * C's rule for const members: an initialiser may set them ({@code ffi.alloc}'s), an assignment
 * ({@code CData.set}) may not, nor assign a struct that has one; what a const pointer member points
 * to, and a pointer to const, are not the member itself.
 */
class ConstMemberTest {
    private static final String CONST = " is const (C lets only an initialiser set it, as ffi.alloc does)";
    private final FFI ffi = new FFI();

    ConstMemberTest() {
        ffi.cdef("""
                struct inner { const int id; int count; };
                struct rec {
                    const int id;
                    int count;
                    const double ratio;
                    const int items[3];
                    const unsigned flags : 3;
                    struct inner in;
                    const struct inner fixed;
                    const char *name;
                    int *const slot;
                    struct { const int hidden; };
                };
                """);
    }

    @Test
    void anInitialiserSetsConstMembersAnAssignmentCannot() {
        CData r = ffi.alloc(
                "struct rec *",
                Map.of(
                        "id",
                        7,
                        "ratio",
                        0.5,
                        "items",
                        new int[] {1, 2, 3},
                        "flags",
                        5,
                        "in",
                        Map.of("id", 9),
                        "hidden",
                        4));
        assertEquals(7, r.get("id"));
        assertEquals(0.5, r.get("ratio"));
        assertEquals(3, r.get("items.2"));
        assertEquals(5L, r.get("flags")); // unsigned int: a Long
        assertEquals(9, r.get("in.id"));
        assertEquals(4, r.get("hidden"));
        fails("cannot assign to 'id' of 'struct rec *': member 'id' of 'struct rec'" + CONST, () -> r.set("id", 8));
        fails(
                "cannot assign to 'ratio' of 'struct rec *': member 'ratio' of 'struct rec'" + CONST,
                () -> r.set("ratio", 1.0));
        fails(
                "cannot assign to 'items.1' of 'struct rec *': member 'items' of 'struct rec'" + CONST,
                () -> r.set("items.1", 5));
        fails(
                "cannot assign to 'flags' of 'struct rec *': member 'flags' of 'struct rec'" + CONST,
                () -> r.set("flags", 1));
        fails(
                "cannot assign to 'in.id' of 'struct rec *': member 'id' of 'struct inner'" + CONST,
                () -> r.set("in.id", 1));
        fails(
                "cannot assign to 'fixed.count' of 'struct rec *': member 'fixed' of 'struct rec'" + CONST,
                () -> r.set("fixed.count", 1));
        fails(
                "cannot assign to 'hidden' of 'struct rec *': member 'hidden' of 'struct rec'" + CONST,
                () -> r.set("hidden", 1));
        assertEquals(7, r.get("id"));
        r.set("count", 3); // the others stay writable
        r.set("in.count", 4);
        assertEquals(4, r.get("in.count"));
    }

    @Test
    void aStructWithAConstMemberCannotBeAssignedWhole() {
        CData r = ffi.alloc("struct rec *");
        fails(
                "cannot assign to 'in' of 'struct rec *': member 'id' of 'struct inner'" + CONST,
                () -> r.set("in", Map.of("count", 1)));
        CData inners = ffi.alloc("struct inner[2]");
        fails(
                "cannot assign to item 1 of 'struct inner[2]': member 'id' of 'struct inner'" + CONST,
                () -> inners.set(1, Map.of("count", 1)));
        fails(
                "cannot assign to item 0 of 'struct rec *': member 'id' of 'struct rec'" + CONST,
                () -> r.set(0, Map.of()));
    }

    @Test
    void pointersToConstAndConstPointersAreNotConstMembers() {
        CData target = ffi.alloc("int *");
        CData r = ffi.alloc("struct rec *", Map.of("slot", target));
        r.set("name", ffi.alloc("char[]", "x")); // 'const char *name': the pointer itself is not const
        fails(
                "cannot assign to 'slot' of 'struct rec *': member 'slot' of 'struct rec'" + CONST,
                () -> r.set("slot", null));
        ((CData) r.get("slot")).set(0, 3); // what 'int *const slot' points to is not const
        assertEquals(3, target.get(0));
    }

    private static void fails(String message, Executable action) {
        assertEquals(message, assertThrows(FFIException.class, action).getMessage());
    }
}

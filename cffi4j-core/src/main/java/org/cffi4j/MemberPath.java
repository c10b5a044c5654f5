package org.cffi4j;

import org.cffi4j.ctype.ArrayType;
import org.cffi4j.ctype.CType;
import org.cffi4j.ctype.Field;
import org.cffi4j.ctype.PointerType;
import org.cffi4j.ctype.StructType;
import org.cffi4j.internal.message.DidYouMean;

/** Walks a path of member names and array indices ({@code "b", "c", "3"}) through a type. */
final class MemberPath {
    private MemberPath() {}

    /**
     * The byte offset of the path from the start of {@code type}.
     *
     * @param where what the errors start with: the call and the type, {@code "offsetof('struct a')"}
     */
    static long offset(CType type, String where, String... path) {
        checkNoNull(where, path);
        if (path.length == 0) {
            throw new FFIException(where + " needs at least one member name");
        }
        return walk(type, where, path).offset();
    }

    /** Where a path ends: the member's type and its byte offset. */
    record Step(CType type, long offset) {}

    // As C's &p[51] and CFFI's offsetof("int *", 51): an index as the first step of a pointer type goes
    // through the pointer; a name as the first step reaches the member of the struct it points to.
    static Step walk(CType type, String where, String... path) {
        checkNoNull(where, path);
        long offset = 0;
        CType current = type;
        for (int i = 0; i < path.length; i++) {
            String step = path[i];
            boolean isIndex = !step.isEmpty() && step.chars().allMatch(Character::isDigit);
            if (i == 0 && current instanceof PointerType p) {
                current = p.target();
                if (isIndex) {
                    offset = Math.addExact(offset, scaled(index(step, where), current, where, step));
                    continue;
                }
            }
            if (isIndex) {
                if (!(current instanceof ArrayType a)) {
                    throw new FFIException(
                            where + ": '" + current + "' is not an array, so it has no" + " index " + step);
                }
                long index = index(step, where);
                if (a.hasLength() && index > a.length()) {
                    throw new FFIException(where + ": index " + index + " is past the end of '" + a + "'");
                }
                offset = Math.addExact(offset, scaled(index, a.element(), where, step));
                current = a.element();
                continue;
            }
            Field f = field(current, step, where);
            offset += f.byteOffset();
            current = f.type();
        }
        return new Step(current, offset);
    }

    private static long index(String step, String where) {
        try {
            return Long.parseLong(step);
        } catch (NumberFormatException e) {
            throw new FFIException(where + ": index " + step + " is beyond the address space");
        }
    }

    // index * sizeof(item); an item without a size (void, an opaque struct) says so.
    private static long scaled(long index, CType item, String where, String step) {
        long size;
        try {
            size = item.byteSize();
        } catch (FFIException e) {
            throw new FFIException(where + ": cannot index '" + item + "' with " + step + ": " + e.getMessage());
        }
        try {
            return Math.multiplyExact(index, size);
        } catch (ArithmeticException e) {
            throw new FFIException(where + ": index " + step + " is beyond the address space");
        }
    }

    private static void checkNoNull(String where, String[] path) {
        if (path == null || java.util.Arrays.asList(path).contains(null)) {
            throw new FFIException(
                    where + ": the member path is member names and indices such as" + " \"a\", \"3\", not null");
        }
    }

    private static Field field(CType t, String name, String where) {
        if (!(t instanceof StructType s)) {
            throw new FFIException(
                    where + ": '" + t + "' is not a struct or union, so it has no" + " member '" + name + "'");
        }
        if (!s.isComplete()) {
            s.byteSize(); // throws the reason: incomplete, or only API mode knows the layout
        }
        Field f = s.field(name)
                .orElseThrow(() -> new FFIException(
                        where + ": '" + s + "' has no member named '" + name + "'" + DidYouMean.member(name, s)));
        if (f.isBitfield()) {
            throw new FFIException(where + ": '" + name + "' is a bitfield, which has no byte offset");
        }
        return f;
    }
}

package org.cffi4j;

import org.cffi4j.ctype.ArrayType;
import org.cffi4j.ctype.CType;
import org.cffi4j.ctype.Field;
import org.cffi4j.ctype.PointerType;
import org.cffi4j.ctype.StructType;

/** Walks a path of member names and array indices ({@code "b", "c", "3"}) through a type. */
final class MemberPath {
    private MemberPath() {}

    /** The byte offset of the path from the start of {@code type}. */
    static long offset(CType type, String typeName, String... path) {
        checkNoNull(typeName, path);
        if (path.length == 0) {
            throw new FFIException("offsetof('" + typeName + "') needs at least one member name");
        }
        return walk(type, typeName, path).offset();
    }

    /** The type of the member a path designates. */
    static CType typeAt(CType type, String... path) {
        checkNoNull(type.toString(), path);
        return walk(type, type.toString(), path).type();
    }

    /** Where a path ends: the member's type and its byte offset. */
    record Step(CType type, long offset) {}

    // As C's &p[51] and CFFI's offsetof("int *", 51): an index as the first step of a pointer type goes
    // through the pointer; a name as the first step reaches the member of the struct it points to.
    static Step walk(CType type, String typeName, String... path) {
        checkNoNull(typeName, path);
        long offset = 0;
        CType current = type;
        for (int i = 0; i < path.length; i++) {
            String step = path[i];
            boolean isIndex = !step.isEmpty() && step.chars().allMatch(Character::isDigit);
            if (i == 0 && current instanceof PointerType p) {
                current = p.target();
                if (isIndex) {
                    offset = Math.addExact(offset, scaled(index(step, typeName), current, typeName, step));
                    continue;
                }
            }
            if (isIndex) {
                if (!(current instanceof ArrayType a)) {
                    throw new FFIException("offsetof('" + typeName + "'): '" + current
                            + "' is not an array, so it has no" + " index " + step);
                }
                long index = index(step, typeName);
                if (a.hasLength() && index > a.length()) {
                    throw new FFIException(
                            "offsetof('" + typeName + "'): index " + index + " is past the end of '" + a + "'");
                }
                offset = Math.addExact(offset, scaled(index, a.element(), typeName, step));
                current = a.element();
                continue;
            }
            Field f = field(current, step, typeName);
            offset += f.byteOffset();
            current = f.type();
        }
        return new Step(current, offset);
    }

    private static long index(String step, String typeName) {
        try {
            return Long.parseLong(step);
        } catch (NumberFormatException e) {
            throw new FFIException("offsetof('" + typeName + "'): index " + step + " is beyond the address space");
        }
    }

    // index * sizeof(item); an item without a size (void, an opaque struct) says so.
    private static long scaled(long index, CType item, String typeName, String step) {
        long size;
        try {
            size = item.byteSize();
        } catch (FFIException e) {
            throw new FFIException(
                    "offsetof('" + typeName + "'): cannot index '" + item + "' with " + step + ": " + e.getMessage());
        }
        try {
            return Math.multiplyExact(index, size);
        } catch (ArithmeticException e) {
            throw new FFIException("offsetof('" + typeName + "'): index " + step + " is beyond the address space");
        }
    }

    private static void checkNoNull(String typeName, String[] path) {
        if (path == null || java.util.Arrays.asList(path).contains(null)) {
            throw new FFIException("offsetof('" + typeName + "'): the member path is member names and indices such as"
                    + " \"a\", \"3\", not null");
        }
    }

    private static Field field(CType t, String name, String typeName) {
        if (!(t instanceof StructType s)) {
            throw new FFIException("offsetof('" + typeName + "'): '" + t + "' is not a struct or union, so it has no"
                    + " member '" + name + "'");
        }
        if (!s.isComplete()) {
            s.byteSize(); // throws the reason: incomplete, or only API mode knows the layout
        }
        Field f = s.field(name)
                .orElseThrow(() -> new FFIException(
                        "offsetof('" + typeName + "'): '" + s + "' has no member named '" + name + "'"));
        if (f.isBitfield()) {
            throw new FFIException(
                    "offsetof('" + typeName + "'): '" + name + "' is a bitfield, which has no byte offset");
        }
        return f;
    }
}

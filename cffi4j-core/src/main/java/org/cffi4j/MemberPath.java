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
        long offset = 0;
        CType current =
                type instanceof PointerType p && !(path[0].chars().allMatch(Character::isDigit)) ? p.target() : type;
        for (String step : path) {
            if (!step.isEmpty() && step.chars().allMatch(Character::isDigit)) {
                if (!(current instanceof ArrayType a)) {
                    throw new FFIException("offsetof('" + typeName + "'): '" + current
                            + "' is not an array, so it has no" + " index " + step);
                }
                long index = Long.parseLong(step);
                if (a.hasLength() && index > a.length()) {
                    throw new FFIException(
                            "offsetof('" + typeName + "'): index " + index + " is past the end of '" + a + "'");
                }
                offset += index * a.element().byteSize();
                current = a.element();
                continue;
            }
            Field f = field(current, step, typeName);
            offset += f.byteOffset();
            current = f.type();
        }
        return offset;
    }

    /** The type of the member a path designates. */
    static CType typeAt(CType type, String... path) {
        checkNoNull(type.toString(), path);
        CType current = type;
        for (String step : path) {
            if (!step.isEmpty() && step.chars().allMatch(Character::isDigit) && current instanceof ArrayType a) {
                current = a.element();
            } else {
                current = field(current, step, type.toString()).type();
            }
        }
        return current;
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

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
        long offset = 0;
        CType current =
                type instanceof PointerType p && !(path[0].chars().allMatch(Character::isDigit)) ? p.target() : type;
        for (String step : path) {
            if (!step.isEmpty() && step.chars().allMatch(Character::isDigit)) {
                if (!(current instanceof ArrayType a)) {
                    throw new FFIException(
                            where + ": '" + current + "' is not an array, so it has no" + " index " + step);
                }
                long index = Long.parseLong(step);
                if (a.hasLength() && index > a.length()) {
                    throw new FFIException(where + ": index " + index + " is past the end of '" + a + "'");
                }
                offset += index * a.element().byteSize();
                current = a.element();
                continue;
            }
            Field f = field(current, step, where);
            offset += f.byteOffset();
            current = f.type();
        }
        return offset;
    }

    /** The type of the member a path designates. */
    static CType typeAt(CType type, String... path) {
        checkNoNull("offsetof('" + type + "')", path);
        CType current = type;
        for (String step : path) {
            if (!step.isEmpty() && step.chars().allMatch(Character::isDigit) && current instanceof ArrayType a) {
                current = a.element();
            } else {
                current = field(current, step, "offsetof('" + type + "')").type();
            }
        }
        return current;
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

package org.cffi4j.internal.convert;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.cffi4j.CData;
import org.cffi4j.FFIException;
import org.cffi4j.ctype.ArrayType;
import org.cffi4j.ctype.CType;
import org.cffi4j.ctype.EnumType;
import org.cffi4j.ctype.Field;
import org.cffi4j.ctype.PrimitiveType;
import org.cffi4j.ctype.StructType;
import org.cffi4j.internal.memory.CDataAccess;
import org.cffi4j.internal.memory.Lifetime;
import org.cffi4j.internal.message.DidYouMean;

/**
 * Fills structs, unions and arrays from Java initialisers, as C's braces do: a Map (member name to
 * value) or a positional List for structs, a Java array or List for arrays, a String for char
 * arrays, or a cdata of the same type to copy. Missing items stay zero; extra ones are errors.
 */
public final class Initializers {
    private Initializers() {}

    static void struct(StructType s, MemorySegment m, Object value, Object where) {
        if (value instanceof CData c && c.ctype().equals(s)) {
            copyFrom(c, m, s.byteSize());
            return;
        }
        if (value instanceof Map<?, ?> map) {
            if (s.kind() == StructType.Kind.UNION && map.size() > 1) {
                throw new FFIException(
                        "a union is initialised with one member, not " + map.size() + " (" + where + ")");
            }
            for (var e : map.entrySet()) {
                String name = String.valueOf(e.getKey());
                Field f = s.field(name)
                        .orElseThrow(() -> new FFIException("'" + s + "' has no member named '" + name + "'"
                                + DidYouMean.member(name, s) + " (" + where + ")"));
                writeField(s, f, m, e.getValue(), where);
            }
            return;
        }
        if (value instanceof List<?> list) {
            int used = positional(s, m, list, 0, where);
            if (used < list.size()) {
                List<Field> members = positionalMembers(s);
                boolean anonymous = members.stream().anyMatch(Field::isAnonymousMember);
                throw new FFIException("too many initialisers for '" + s + "': " + list.size() + " given, "
                        + (anonymous
                                ? "only the first " + used + " fill its members (an anonymous struct or union member"
                                        + " takes a List of its own, or the next items one by one)"
                                : members.size() + " member" + (members.size() == 1 ? "" : "s"))
                        + " (" + where + ")");
            }
            return;
        }
        throw new FFIException("cannot initialise '" + s + "' from " + IntegerRange.describe(value) + " (" + where
                + "): a Map of members, a List of values, or a cdata of the same type is expected");
    }

    /**
     * The members a positional initialiser fills, in order: named members and anonymous struct or
     * union members (unnamed bitfields are skipped, as in C); of a union, its first member only.
     */
    static List<Field> positionalMembers(StructType s) {
        List<Field> fields = s.fields().stream()
                .filter(f -> f.name() != null || f.isAnonymousMember())
                .toList();
        return s.kind() == StructType.Kind.UNION && !fields.isEmpty() ? fields.subList(0, 1) : fields;
    }

    // Fills the members of s from list[start...] as C's braces do, and returns the index of the first
    // item not used. An anonymous member takes a List or Map of its own, or, as C's brace elision,
    // the next items one by one.
    private static int positional(StructType s, MemorySegment m, List<?> list, int start, Object where) {
        int next = start;
        for (Field f : positionalMembers(s)) {
            if (next >= list.size()) {
                break;
            }
            Object item = list.get(next);
            if (f.isAnonymousMember()
                    && !(item instanceof List<?> || item instanceof Map<?, ?> || item instanceof CData)) {
                StructType inner = (StructType) f.type();
                next = positional(inner, m.asSlice(f.byteOffset(), inner.byteSize()), list, next, where);
            } else {
                writeField(s, f, m, item, where);
                next++;
            }
        }
        return next;
    }

    // What a message names; built only when a message is (a field store must not print its struct type).
    record Member(Field f, StructType s) {
        @Override
        public String toString() {
            return (f.name() == null ? "an anonymous member" : "member '" + f.name() + "'") + " of '" + s + "'";
        }
    }

    // Copies the first n bytes of a cdata's memory, which must not be released under the copy.
    private static void copyFrom(CData c, MemorySegment to, long n) {
        Lifetime lifetime = CDataAccess.door().lifetime(c);
        lifetime.enter(c);
        try {
            MemorySegment.copy(CDataAccess.door().memory(c), 0, to, 0, n);
        } finally {
            lifetime.exit();
        }
    }

    /** Writes one member (bitfields included) of the struct at {@code m}. */
    public static void writeField(StructType s, Field f, MemorySegment m, Object value, Object where) {
        Member what = new Member(f, s);
        if (f.isBitfield()) {
            Bitfields.write(f, m, 0, value, what);
        } else {
            Values.write(f.type(), m, f.byteOffset(), value, what);
        }
    }

    static void array(ArrayType a, MemorySegment m, Object value, Object where) {
        CType element = a.element();
        if (value instanceof CData c && Pointers.compatible(a, c.ctype())) {
            copyFrom(c, m, Math.min(m.byteSize(), CDataAccess.door().memory(c).byteSize()));
            return;
        }
        if (value instanceof String s && element instanceof PrimitiveType p && p.size() == 1) {
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            checkLength(a, m, bytes.length, where);
            MemorySegment.copy(MemorySegment.ofArray(bytes), 0, m, 0, bytes.length);
            if (bytes.length < m.byteSize()) {
                m.set(ValueLayout.JAVA_BYTE, bytes.length, (byte) 0); // the terminator, when there is room
            }
            return;
        }
        if (value instanceof String s && WideStrings.unit(element) > 0) {
            MemorySegment units = WideStrings.encode(s, WideStrings.unit(element));
            checkLength(a, m, units.byteSize(), where);
            MemorySegment.copy(units, 0, m, 0, units.byteSize());
            long unit = WideStrings.unit(element);
            if (units.byteSize() + unit <= m.byteSize()) {
                m.asSlice(units.byteSize(), unit).fill((byte) 0); // the terminator, when there is room
            }
            return;
        }
        MemorySegment bits = sameWidthItems(element, value);
        if (bits != null) {
            checkLength(a, m, bits.byteSize(), where);
            MemorySegment.copy(bits, 0, m, 0, bits.byteSize());
            return;
        }
        List<?> items = asList(value);
        if (items == null) {
            throw new FFIException("cannot initialise '" + a + "' from " + IntegerRange.describe(value) + " (" + where
                    + "): a Java array, a List"
                    + (element instanceof PrimitiveType p && p.size() == 1 || WideStrings.unit(element) > 0
                            ? " or a String"
                            : "")
                    + " is expected");
        }
        checkLength(a, m, items.size() * element.byteSize(), where);
        long size = element.byteSize();
        for (int i = 0; i < items.size(); i++) {
            Values.write(element, m, i * size, items.get(i), "item " + i + " of " + where);
        }
    }

    /**
     * The items of a Java primitive array whose items have the size and kind (integer or floating) of
     * the C item type, to be copied bit for bit as when the array is passed to a pointer parameter;
     * else null. Java has no unsigned types: a byte[] is how unsigned char data is held.
     */
    private static MemorySegment sameWidthItems(CType element, Object value) {
        CType t = element instanceof EnumType e ? e.underlying() : element;
        if (!(t instanceof PrimitiveType p)
                || !p.isComplete()
                || p.kind() == PrimitiveType.Kind.BOOL
                || !p.isIntegral() && p.kind() != PrimitiveType.Kind.FLOATING) {
            return null; // _Bool items must be 0 or 1: checked one by one
        }
        boolean floating = p.kind() == PrimitiveType.Kind.FLOATING;
        return switch (value) {
            case byte[] b when !floating && p.size() == 1 -> MemorySegment.ofArray(b);
            case short[] s when !floating && p.size() == 2 -> MemorySegment.ofArray(s);
            case char[] c when !floating && p.size() == 2 -> MemorySegment.ofArray(c);
            case int[] i when !floating && p.size() == 4 -> MemorySegment.ofArray(i);
            case long[] l when !floating && p.size() == 8 -> MemorySegment.ofArray(l);
            case float[] f when floating && p.size() == 4 -> MemorySegment.ofArray(f);
            case double[] d when floating && p.size() == 8 -> MemorySegment.ofArray(d);
            case null, default -> null;
        };
    }

    private static void checkLength(ArrayType a, MemorySegment m, long bytes, Object where) {
        if (bytes > m.byteSize()) {
            long capacity = m.byteSize() / Math.max(1, a.element().byteSize());
            long given = bytes / Math.max(1, a.element().byteSize());
            throw new FFIException("too many initialisers for '" + a + "': " + given + " given, room for " + capacity
                    + " (" + where + ")");
        }
    }

    /** A Java array or List as a List, or null. */
    static List<?> asList(Object value) {
        if (value instanceof List<?> l) {
            return l;
        }
        if (value != null && value.getClass().isArray()) {
            int n = Array.getLength(value);
            Object[] boxed = new Object[n];
            for (int i = 0; i < n; i++) {
                boxed[i] = Array.get(value, i);
            }
            return java.util.Arrays.asList(boxed);
        }
        return null;
    }

    /** The number of items an initialiser gives an open array {@code T[]}, or -1 if it is a length. */
    public static long lengthOf(ArrayType a, Object init) {
        if (init instanceof String s && WideStrings.unit(a.element()) > 0) {
            return WideStrings.length(s, WideStrings.unit(a.element())) + 1;
        }
        if (init instanceof String s) {
            return s.getBytes(StandardCharsets.UTF_8).length + 1L;
        }
        List<?> l = asList(init);
        return l == null ? -1 : l.size();
    }
}

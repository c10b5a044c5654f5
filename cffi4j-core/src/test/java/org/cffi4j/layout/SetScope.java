package org.cffi4j.layout;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What one random declaration set has declared so far: the types a member or a typedef may use,
 * the constants an expression may use, the C text, and the questions to ask gcc and cdef about it.
 * Every name carries the set's prefix, so that many sets can share one C file.
 */
final class SetScope {
    /** A named member as C reaches it from its record: {@code a}, {@code a.b}, {@code arr[1].c}. */
    record MemberPath(List<String> segments, boolean bitfield) {
        MemberPath under(String... prefix) {
            List<String> all = new ArrayList<>(List.of(prefix));
            all.addAll(segments);
            return new MemberPath(all, bitfield);
        }
    }

    /**
     * A type that later declarations may use.
     *
     * @param spelling how it is written as a type specifier
     * @param bitfieldBits the widest bitfield it allows, 0 if it is not an integer type
     * @param align its alignment if known exactly, else 0
     * @param paths the named member paths inside it, if it is a struct or union, else null
     * @param embeddable whether it may be a member (not a struct ending in a flexible array)
     * @param arrayable whether it may be an array element (not aligned beyond its size)
     * @param maxSize an upper bound of its size, to keep generated types small
     */
    record TypeRef(
            String spelling,
            int bitfieldBits,
            long align,
            List<MemberPath> paths,
            boolean embeddable,
            boolean arrayable,
            long maxSize) {
        static TypeRef scalar(String spelling, int bitfieldBits, long align, long size) {
            return new TypeRef(spelling, bitfieldBits, align, null, true, true, size);
        }

        static TypeRef record(String spelling, List<MemberPath> paths, boolean flexible, long maxSize) {
            return new TypeRef(spelling, 0, 0, paths, !flexible, !flexible, maxSize);
        }

        /** The same type under a typedef name. */
        TypeRef named(String name) {
            return new TypeRef(name, bitfieldBits, align, paths, embeddable, arrayable, maxSize);
        }

        boolean isRecord() {
            return paths != null;
        }
    }

    /** A question about the set: kind SIZE, ALIGN, OFFSET, BITS, CONST or SIGNED. */
    record Query(String kind, String type, List<String> path) {
        /** The member path as C writes it: {@code a.b[2].c}. */
        String cPath() {
            StringBuilder s = new StringBuilder();
            for (String p : path) {
                s.append(Character.isDigit(p.charAt(0)) ? "[" + p + "]" : (s.isEmpty() ? "" : ".") + p);
            }
            return s.toString();
        }

        @Override
        public String toString() {
            return kind + " " + type + (path.isEmpty() ? "" : " " + cPath());
        }
    }

    final SplittableRandom rnd;
    final ExprGenerator exprs;
    final StringBuilder text = new StringBuilder();
    final List<TypeRef> types = new ArrayList<>();
    final List<TypeRef> integerTypes = new ArrayList<>();
    final List<Query> queries = new ArrayList<>();
    /** Typedef names of array types: no function may return one. */
    final java.util.Set<String> arrayTypedefs = new java.util.HashSet<>();

    private final String prefix;
    private int counter;

    SetScope(int index, SplittableRandom rnd) {
        this.rnd = rnd;
        this.exprs = new ExprGenerator(rnd);
        this.prefix = "s" + index + "_";
    }

    /** A fresh name: {@code <letter><set>_<n>}. */
    String name(String letter) {
        return letter + prefix + counter++;
    }

    void addType(TypeRef t) {
        types.add(t);
        if (t.bitfieldBits() > 0) {
            integerTypes.add(t);
        }
    }

    void ask(String kind, String type, List<String> path) {
        queries.add(new Query(kind, type, List.copyOf(path)));
    }

    boolean chance(int percent) {
        return rnd.nextInt(100) < percent;
    }

    <T> T pick(List<T> list) {
        return list.get(rnd.nextInt(list.size()));
    }

    /**
     * {@code __attribute__((item, ...))} spelled as headers spell it: {@code __attribute} or {@code
     * __attribute__}, {@code packed} or {@code __packed__}, {@code aligned(8)} or {@code __aligned__(8)}.
     */
    String attribute(String... items) {
        StringBuilder s = new StringBuilder(chance(10) ? "__attribute((" : "__attribute__((");
        for (int i = 0; i < items.length; i++) {
            String item = items[i];
            int paren = item.indexOf('(');
            String word = paren < 0 ? item : item.substring(0, paren);
            s.append(i == 0 ? "" : ", ")
                    .append(chance(30) ? "__" + word + "__" : word)
                    .append(paren < 0 ? "" : item.substring(paren));
        }
        return s.append("))").toString();
    }

    static String power(SplittableRandom rnd, int maxLog) {
        return Integer.toString(1 << rnd.nextInt(maxLog + 1));
    }
}

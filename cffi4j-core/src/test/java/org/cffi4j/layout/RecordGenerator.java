package org.cffi4j.layout;

import java.util.ArrayList;
import java.util.List;
import org.cffi4j.layout.SetScope.MemberPath;
import org.cffi4j.layout.SetScope.TypeRef;

/**
 * Random struct and union bodies: members of every type in scope with every kind of declarator,
 * bitfields (named, unnamed, zero-width, of every integer and enum type), anonymous and nested
 * records, flexible and zero-length arrays, and {@code packed}, {@code aligned} and {@code
 * _Alignas} in the positions gcc accepts.
 */
final class RecordGenerator {
    /** A generated body: its C text, named member paths, flexible array end, a bound of its size. */
    record Body(String text, List<MemberPath> paths, boolean flexible, long maxSize) {}

    /** A member's text and a bound of the bytes it adds (alignment padding included). */
    private record Member(String text, long maxSize) {}

    /** A declarator; index is "" for a plain name, an element index for a 1-D array, else null. */
    private record Declarator(String text, String index, boolean pointer, long count) {}

    private static final long MAX_MEMBER = 1 << 14;

    private final SetScope s;

    RecordGenerator(SetScope scope) {
        this.s = scope;
    }

    /** A struct or union definition, {@code tag} null for an anonymous one. */
    Body body(boolean union, String tag, int depth, boolean flexibleAllowed) {
        String lead = s.chance(8) ? " " + s.attribute("packed") : "";
        StringBuilder text =
                new StringBuilder((union ? "union" : "struct") + lead + (tag == null ? "" : " " + tag) + " {");
        List<MemberPath> paths = new ArrayList<>();
        int count = s.chance(1) && tag != null ? 0 : 1 + s.rnd.nextInt(6);
        boolean flexible = false;
        long size = 64;
        for (int i = 0; i < count; i++) {
            Member m;
            if (i == count - 1 && !union && flexibleAllowed && !paths.isEmpty() && s.chance(20)) {
                flexible = true;
                m = flexibleArray(paths);
            } else {
                m = member(paths, depth);
            }
            text.append(' ').append(m.text());
            size += m.maxSize() + 64;
        }
        return new Body(
                text.append(" }").append(trailingAttributes(lead.isEmpty())).toString(), paths, flexible, size);
    }

    private String trailingAttributes(boolean packedAllowed) {
        List<String> attrs = new ArrayList<>();
        if (packedAllowed && s.chance(8)) {
            attrs.add("packed");
        }
        if (s.chance(10)) {
            attrs.add("aligned(" + SetScope.power(s.rnd, 6) + ")");
        }
        return attrs.isEmpty() ? "" : " " + s.attribute(attrs.toArray(String[]::new));
    }

    private Member member(List<MemberPath> paths, int depth) {
        int pick = s.rnd.nextInt(100);
        if (pick < 28) {
            return bitfield(paths);
        }
        if (pick < 34 && depth < 2) {
            Body inner = body(s.chance(50), null, depth + 1, false);
            paths.addAll(inner.paths());
            return new Member(inner.text() + ";", inner.maxSize());
        }
        if (pick < 38 && depth < 2) {
            return nestedDefinition(paths, depth);
        }
        return ordinary(paths);
    }

    private Member bitfield(List<MemberPath> paths) {
        TypeRef t = s.pick(s.integerTypes);
        boolean unnamed = s.chance(25);
        int min = unnamed ? 0 : 1;
        String width;
        if (unnamed && s.chance(35)) {
            width = "0";
        } else if (s.chance(20)) {
            width = s.exprs.inRange(min, t.bitfieldBits(), 2).text();
        } else {
            width = Integer.toString(min + s.rnd.nextInt(t.bitfieldBits() - min + 1));
        }
        String name = unnamed ? "" : " " + s.name("f");
        if (!unnamed) {
            paths.add(new MemberPath(List.of(name.strip()), true));
        }
        String attrs = s.chance(8)
                ? " " + s.attribute("packed")
                : s.chance(3) ? " " + s.attribute("aligned(" + SetScope.power(s.rnd, 3) + ")") : "";
        if (!unnamed && s.chance(15)) { // "T a : 3, b : 5;"
            String second = s.name("f");
            paths.add(new MemberPath(List.of(second), true));
            attrs += ", " + second + " : " + (1 + s.rnd.nextInt(t.bitfieldBits()));
        }
        return new Member(t.spelling() + name + " : " + width + attrs + ";", 32);
    }

    private Member nestedDefinition(List<MemberPath> paths, int depth) {
        boolean union = s.chance(40);
        String tag = s.name("s");
        Body inner = body(union, tag, depth + 1, false);
        String spelling = (union ? "union " : "struct ") + tag;
        s.addType(TypeRef.record(spelling, inner.paths(), false, inner.maxSize()));
        s.ask("SIZE", spelling, List.of());
        String name = s.name("m");
        paths.add(new MemberPath(List.of(name), false));
        inner.paths().forEach(p -> paths.add(p.under(name)));
        return new Member(inner.text() + " " + name + ";", inner.maxSize());
    }

    private Member flexibleArray(List<MemberPath> paths) {
        TypeRef t = embeddable(true);
        String name = s.name("a");
        paths.add(new MemberPath(List.of(name), false));
        return new Member(t.spelling() + " " + name + "[];", 0);
    }

    private TypeRef embeddable(boolean asElement) {
        while (true) {
            TypeRef t = s.pick(s.types);
            if (t.embeddable() && (!asElement || t.arrayable()) && t.maxSize() <= MAX_MEMBER) {
                return t;
            }
        }
    }

    private Member ordinary(List<MemberPath> paths) {
        TypeRef t = embeddable(false);
        String qualifier = !t.isRecord() && s.chance(8) ? (s.chance(50) ? "const " : "volatile ") : "";
        String name = s.name("m");
        Declarator d = declarator(name, t);
        addPaths(paths, name, d, t);
        long natural = d.pointer() ? 8 : t.align();
        long size = d.pointer() ? 8 : t.maxSize() * d.count();
        if (!t.spelling().contains("*") && s.chance(12)) { // a second declarator sharing the specifiers: "T a, b[2];"
            String second = s.name("m");
            Declarator d2 = declarator(second, t);
            addPaths(paths, second, d2, t);
            long size2 = d2.pointer() ? 8 : t.maxSize() * d2.count();
            return new Member(qualifier + t.spelling() + " " + d.text() + ", " + d2.text() + ";", size + size2 + 64);
        }
        return new Member(attributed(qualifier + t.spelling(), d.text(), natural), size);
    }

    private void addPaths(List<MemberPath> paths, String name, Declarator d, TypeRef t) {
        paths.add(new MemberPath(List.of(name), false));
        if (d.index() != null && !d.index().isEmpty()) {
            paths.add(new MemberPath(List.of(name, d.index()), false));
        }
        if (t.isRecord() && d.index() != null) {
            for (int i = 0; i < Math.min(3, t.paths().size()); i++) {
                MemberPath p = s.pick(t.paths());
                paths.add(d.index().isEmpty() ? p.under(name) : p.under(name, d.index()));
            }
        }
    }

    private Declarator declarator(String name, TypeRef t) {
        int pick = s.rnd.nextInt(100);
        if (pick < 55 || !t.arrayable() && pick < 78) {
            return new Declarator(name, "", false, 1);
        }
        if (pick < 78) {
            return array(name, t.maxSize());
        }
        boolean mayReturn = !s.arrayTypedefs.contains(t.spelling());
        return switch (pick % 5) {
            case 0 -> new Declarator("*" + name, null, true, 1);
            case 1 ->
                new Declarator(
                        t.arrayable() ? "(*" + name + ")[" + (1 + s.rnd.nextInt(4)) + "]" : "*" + name, null, true, 1);
            case 2 -> new Declarator("*" + name + "[" + (1 + s.rnd.nextInt(3)) + "]", null, true, 3);
            case 3 -> new Declarator(mayReturn ? "(*" + name + ")(int, char *)" : "*" + name, null, true, 1);
            default ->
                t.arrayable() ? new Declarator(name + "[0]", null, false, 0) : new Declarator(name, "", false, 1);
        };
    }

    private Declarator array(String name, long elementSize) {
        StringBuilder text = new StringBuilder(name);
        int dims = elementSize > 256 ? 1 : 1 + s.rnd.nextInt(3);
        long first = 0;
        long count = 1;
        for (int i = 0; i < dims; i++) {
            CExpr dim = s.chance(30) ? s.exprs.inRange(1, 4, 2) : s.exprs.literal(1 + s.rnd.nextInt(4));
            first = i == 0 ? dim.lo().longValue() : first;
            count *= dim.hi().longValue();
            text.append('[').append(dim.text()).append(']');
        }
        // An index names a whole element only in one dimension; deeper, a sub-array.
        String index = dims == 1 ? Long.toString(first >= 2 ? first - 1 : 0) : null;
        return new Declarator(text.toString(), index, false, count);
    }

    private String attributed(String type, String declarator, long natural) {
        int pick = s.rnd.nextInt(100);
        if (pick < 5) {
            return s.attribute("aligned(" + SetScope.power(s.rnd, 5) + ")") + " " + type + " " + declarator + ";";
        }
        if (pick < 10) {
            return type + " " + declarator + " " + s.attribute("aligned(" + SetScope.power(s.rnd, 5) + ")") + ";";
        }
        if (pick < 15) {
            return type + " " + declarator + " " + s.attribute("packed") + ";";
        }
        if (pick < 17) {
            return type + " " + declarator + " " + s.attribute("aligned") + ";";
        }
        if (pick < 21 && natural > 0) {
            long n = natural << s.rnd.nextInt(3);
            return "_Alignas(" + (s.chance(70) ? Long.toString(n) : alignasType(n)) + ") " + type + " " + declarator
                    + ";";
        }
        return type + " " + declarator + ";";
    }

    // A type of alignment n on the set's platform (the first declared), else n itself: _Alignas
    // must not lower a member's alignment, and long double is 16-aligned on some platforms only.
    private String alignasType(long n) {
        return s.types.stream()
                .filter(t -> !t.isRecord() && t.bitfieldBits() >= 0 && t.align() == n)
                .map(TypeRef::spelling)
                .findFirst()
                .orElse(Long.toString(n));
    }
}

package org.cffi4j.layout;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.cffi4j.FFI;
import org.cffi4j.FFIException;
import org.cffi4j.layout.RecordGenerator.Body;
import org.cffi4j.layout.SetScope.MemberPath;
import org.cffi4j.layout.SetScope.Query;
import org.cffi4j.layout.SetScope.TypeRef;

/**
 * Random declaration sets for the gcc oracle: enums with constant expressions (negative, 64-bit,
 * packed), {@code #define}s, typedefs (of records, arrays, pointers, function pointers and
 * over- or under-aligned integers), structs and unions, and {@code #pragma pack} in all its forms,
 * always balanced by the end of the set. A set is a pure function of its index and seed.
 */
final class DeclGenerator {
    /** One set: its C text (for cdef and gcc alike) and the questions to ask about it. */
    record GeneratedSet(int index, long seed, String text, List<Query> queries) {}

    // spelling | widest bitfield (0: not an integer type) | alignment | size
    private static final List<String> PRIMITIVES = List.of(
            "char|8|1|1",
            "signed char|8|1|1",
            "unsigned char|8|1|1",
            "short|16|2|2",
            "unsigned short|16|2|2",
            "short int|16|2|2",
            "signed short|16|2|2",
            "int|32|4|4",
            "unsigned|32|4|4",
            "signed|32|4|4",
            "unsigned int|32|4|4",
            "long|64|8|8",
            "unsigned long|64|8|8",
            "long int|64|8|8",
            "long unsigned int|64|8|8",
            "long long|64|8|8",
            "unsigned long long|64|8|8",
            "long long int|64|8|8",
            "__int128|128|16|16",
            "unsigned __int128|128|16|16",
            "_Bool|1|1|1",
            "float|0|4|4",
            "double|0|8|8",
            "long double|0|16|16",
            "float _Complex|0|4|8",
            "double _Complex|0|8|16",
            "int8_t|8|1|1",
            "uint16_t|16|2|2",
            "int32_t|32|4|4",
            "uint64_t|64|8|8",
            "size_t|64|8|8",
            "intptr_t|64|8|8",
            "wchar_t|32|4|4",
            "char16_t|16|2|2",
            "ptrdiff_t|64|8|8",
            "void *|0|8|8",
            "char *|0|8|8",
            // Abstract declarators in sizeof and _Alignof.
            "int[3]|-1|4|12",
            "char *[2]|-1|8|16",
            "int (*)[4]|-1|8|8",
            "short[2][3]|-1|2|12",
            "void (*)(int, ...)|-1|8|8",
            "const volatile long|-1|8|8");
    private static final List<String> ABSTRACT = PRIMITIVES.stream()
            .filter(row -> row.contains("|-1|"))
            .map(row -> row.substring(0, row.indexOf('|')))
            .toList();

    private final SetScope s;
    private final RecordGenerator records;
    private final EnumGenerator enums;
    private final List<Integer> packStack = new ArrayList<>();

    private DeclGenerator(int index, long seed) {
        this.s = new SetScope(index, new SplittableRandom(seed));
        this.records = new RecordGenerator(s);
        this.enums = new EnumGenerator(s);
    }

    /** The set of this index and seed, for the platform this JVM runs on (x86-64 or AArch64 Linux). */
    static GeneratedSet generate(int index, long seed) {
        return generate(index, seed, PRIMITIVES);
    }

    /**
     * The set of this index and seed for a platform: {@code primitives} are the rows of {@link
     * #primitiveRows(FFI)}, the scalar types the set may use with their sizes there.
     */
    static GeneratedSet generate(int index, long seed, List<String> primitives) {
        DeclGenerator g = new DeclGenerator(index, seed);
        g.all(primitives);
        return new GeneratedSet(index, seed, g.s.text.toString(), List.copyOf(g.s.queries));
    }

    /**
     * The scalar types a set may use on the platform of {@code ffi}, as rows {@code spelling | widest
     * bitfield | alignment | size}: every type of the list above the platform has, with its sizes
     * there (only to keep generated types small and sizeof expressions in range: the compiler
     * checks every answer). Abstract declarators for sizeof follow, with a bitfield width of -1.
     */
    static List<String> primitiveRows(FFI ffi) {
        List<String> rows = new ArrayList<>();
        for (String row : PRIMITIVES) {
            String[] p = row.split("\\|");
            if (p[1].equals("-1")) {
                continue;
            }
            long size;
            try {
                size = ffi.sizeof(p[0]);
            } catch (FFIException e) {
                continue; // __int128 on 32-bit platforms
            }
            int bits = p[1].equals("0") ? 0 : p[1].equals("1") ? 1 : (int) size * 8;
            rows.add(p[0] + "|" + bits + "|" + ffi.alignof(p[0]) + "|" + size);
        }
        for (String abstractType : ABSTRACT) {
            rows.add(abstractType + "|-1|" + ffi.alignof(abstractType) + "|" + ffi.sizeof(abstractType));
        }
        return rows;
    }

    private void all(List<String> primitives) {
        for (String row : primitives) {
            String[] p = row.split("\\|");
            int bits = Integer.parseInt(p[1]);
            long align = Long.parseLong(p[2]);
            long size = Long.parseLong(p[3]);
            if (bits >= 0) {
                s.addType(TypeRef.scalar(p[0], bits, align, size));
            }
            s.exprs.addType(p[0], size, size, align, align);
        }
        int items = 3 + s.rnd.nextInt(6);
        for (int i = 0; i < items; i++) {
            declaration();
        }
        while (!packStack.isEmpty()) {
            packStack.removeLast();
            s.text.append("#pragma pack(pop)\n");
        }
        if (s.chance(50)) {
            s.text.append("#pragma pack()\n");
        }
    }

    private void declaration() {
        int pick = s.rnd.nextInt(100);
        if (pick < 15) {
            enums.enumeration();
        } else if (pick < 28) {
            define();
        } else if (pick < 40) {
            typedef();
        } else {
            pragma();
            record();
        }
    }

    private void define() {
        String name = s.name("D");
        CExpr e = s.chance(25) ? s.exprs.literal(s.rnd.nextLong() >> s.rnd.nextInt(64)) : s.exprs.any(3);
        s.text.append("#define ").append(name).append(' ').append(e.text()).append('\n');
        s.exprs.addName(name, e);
        s.ask("CONST", name, List.of());
    }

    private void record() {
        boolean union = s.chance(30);
        boolean typedef = s.chance(25);
        String tag = typedef && s.chance(50) ? null : s.name("s");
        Body b = records.body(union, tag, 0, true);
        String spelling = tag == null ? null : (union ? "union " : "struct ") + tag;
        if (typedef) {
            spelling = s.name("t");
            s.text.append("typedef ")
                    .append(b.text())
                    .append(' ')
                    .append(spelling)
                    .append(";\n");
        } else {
            s.text.append(b.text()).append(";\n");
        }
        registerRecord(spelling, b);
    }

    private void registerRecord(String spelling, Body b) {
        List<MemberPath> paths = b.paths();
        s.addType(TypeRef.record(spelling, paths, b.flexible(), b.maxSize()));
        s.exprs.addType(spelling, 0, b.maxSize(), 1, 64);
        s.ask("SIZE", spelling, List.of());
        s.ask("ALIGN", spelling, List.of());
        for (MemberPath p : paths) {
            s.ask(p.bitfield() ? "BITS" : "OFFSET", spelling, p.segments());
        }
    }

    private void typedef() {
        String name = s.name("t");
        TypeRef t = s.pick(s.types);
        String decl = t.spelling() + " " + name;
        TypeRef alias = t.named(name);
        int pick = s.rnd.nextInt(100);
        // Not of an enum (align 0): the type model has no re-aligned enum, and cdef says so.
        if (pick < 20 && t.bitfieldBits() > 1 && t.align() > 0) {
            long align = Long.parseLong(SetScope.power(s.rnd, 5)); // may lower the alignment too
            decl += " " + s.attribute("aligned(" + align + ")");
            alias = new TypeRef(name, t.bitfieldBits(), align, null, true, align <= t.maxSize(), t.maxSize());
        } else if (pick < 40 && t.embeddable() && t.arrayable()) {
            CExpr n = s.exprs.inRange(1, 3, 2);
            decl += "[" + n.text() + "]";
            alias = new TypeRef(name, 0, t.align(), null, true, true, t.maxSize() * 3);
            s.arrayTypedefs.add(name);
        } else if (pick < 55) {
            decl = t.spelling() + " *" + name;
            alias = TypeRef.scalar(name, 0, 8, 8);
        } else if (pick < 65 && !s.arrayTypedefs.contains(t.spelling())) {
            decl = t.spelling() + " (*" + name + ")(int, ...)";
            alias = TypeRef.scalar(name, 0, 8, 8);
        }
        s.text.append("typedef ").append(decl).append(";\n");
        s.addType(alias);
        s.ask("SIZE", name, List.of());
        s.ask("ALIGN", name, List.of());
    }

    private void pragma() {
        if (!s.chance(25)) {
            return;
        }
        String n = SetScope.power(s.rnd, 4);
        switch (s.rnd.nextInt(5)) {
            case 0 -> s.text.append("#pragma pack(").append(n).append(")\n");
            case 1 -> s.text.append("#pragma pack()\n");
            case 2 -> push("#pragma pack(push, " + n + ")\n");
            case 3 -> push("#pragma pack(push)\n");
            default -> {
                if (!packStack.isEmpty()) {
                    packStack.removeLast();
                    s.text.append("#pragma pack(pop)\n");
                }
            }
        }
    }

    private void push(String line) {
        packStack.add(0);
        s.text.append(line);
    }
}

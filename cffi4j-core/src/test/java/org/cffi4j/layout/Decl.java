package org.cffi4j.layout;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.cffi4j.ctype.CType;
import org.cffi4j.ctype.StructType;
import org.cffi4j.internal.TypeAccess;
import org.cffi4j.internal.layout.MemberSpec;
import org.cffi4j.internal.layout.RecordLayout;
import org.cffi4j.internal.layout.RecordLayouter;
import org.cffi4j.internal.layout.RecordSpec;
import org.cffi4j.internal.platform.Abi;

/**
 * A struct or union body written once and read two ways: as the {@link RecordSpec} the layout
 * engine takes, and as the C text gcc compiles. A test row is a {@code Decl}; gcc tells what its
 * layout must be.
 *
 * @param kind struct or union
 * @param members the members
 * @param packedAttr {@code __attribute__((packed))} on the record
 * @param alignedAttr {@code __attribute__((aligned(N)))} on the record, 0 if none
 * @param maxPack the {@code #pragma pack(N)} around the declaration, 0 if none
 */
record Decl(StructType.Kind kind, List<MemberSpec> members, boolean packedAttr, long alignedAttr, int maxPack) {

    static Decl struct(MemberSpec... members) {
        return new Decl(StructType.Kind.STRUCT, List.of(members), false, 0, 0);
    }

    static Decl union(MemberSpec... members) {
        return new Decl(StructType.Kind.UNION, List.of(members), false, 0, 0);
    }

    static MemberSpec m(String name, CType type) {
        return MemberSpec.of(name, type);
    }

    static MemberSpec bf(String name, CType type, int width) {
        return MemberSpec.bitfield(name, type, width);
    }

    static MemberSpec alignedTo(long n, MemberSpec m) {
        return new MemberSpec(m.name(), m.type(), m.bitWidth(), n, m.packedAttr());
    }

    static MemberSpec packedMember(MemberSpec m) {
        return new MemberSpec(m.name(), m.type(), m.bitWidth(), m.alignedAttr(), true);
    }

    Decl packed() {
        return new Decl(kind, members, true, alignedAttr, maxPack);
    }

    Decl aligned(long n) {
        return new Decl(kind, members, packedAttr, n, maxPack);
    }

    Decl pack(int n) {
        return new Decl(kind, members, packedAttr, alignedAttr, n);
    }

    /** The spec of this body, for a record named {@code cName} in messages. */
    RecordSpec spec(String cName) {
        return new RecordSpec(cName, kind, members, packedAttr, alignedAttr, maxPack);
    }

    /** The layout the engine computes. */
    RecordLayout layout() {
        return RecordLayouter.layout(spec(kind.keyword() + " <test>"), Abi.current());
    }

    /**
     * A completed struct or union type of this body: tagged, or anonymous when {@code tag} is null,
     * in which case it prints as its own definition and so can be embedded in C text.
     */
    StructType define(String tag) {
        StructType t = StructType.declare(kind, tag, tag == null ? body(null) : null);
        RecordLayout l = RecordLayouter.layout(spec(t.toString()), Abi.current());
        TypeAccess.mutators().complete(t, l.fields(), l.size(), l.alignment(), false);
        return t;
    }

    /** The C definition of the body with this tag, pragmas included, ending in a newline. */
    String c(String tag) {
        String def = body(tag) + ";\n";
        return maxPack == 0 ? def : "#pragma pack(push, " + maxPack + ")\n" + def + "#pragma pack(pop)\n";
    }

    private String body(String tag) {
        StringBuilder s = new StringBuilder(kind.keyword())
                .append(tag == null ? "" : " " + tag)
                .append(" {");
        for (MemberSpec m : members) {
            s.append(' ').append(member(m)).append(';');
        }
        s.append(" }");
        List<String> attrs = new ArrayList<>();
        if (packedAttr) {
            attrs.add("packed");
        }
        if (alignedAttr != 0) {
            attrs.add("aligned(" + alignedAttr + ")");
        }
        return attrs.isEmpty() ? s.toString() : s + " __attribute__((" + String.join(", ", attrs) + "))";
    }

    private static String member(MemberSpec m) {
        StringBuilder s = new StringBuilder(m.type().declare(m.name() == null ? "" : m.name()));
        if (m.bitWidth() != -1) { // a negative width is written too: the error tests use one
            s.append(" : ").append(m.bitWidth());
        }
        StringJoiner attrs = new StringJoiner(", ", " __attribute__((", "))").setEmptyValue("");
        if (m.alignedAttr() != 0) {
            attrs.add("aligned(" + m.alignedAttr() + ")");
        }
        if (m.packedAttr()) {
            attrs.add("packed");
        }
        return s.append(attrs).toString();
    }

    @Override
    public String toString() {
        return c("T").strip().replace("\n", " ");
    }
}

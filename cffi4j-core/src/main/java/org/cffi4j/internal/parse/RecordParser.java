package org.cffi4j.internal.parse;

import java.util.ArrayList;
import java.util.List;
import org.cffi4j.FFIException;
import org.cffi4j.ctype.ArrayType;
import org.cffi4j.ctype.CType;
import org.cffi4j.ctype.EnumType;
import org.cffi4j.ctype.Field;
import org.cffi4j.ctype.PrimitiveType;
import org.cffi4j.ctype.StructType;
import org.cffi4j.internal.TypeAccess;
import org.cffi4j.internal.layout.MemberSpec;
import org.cffi4j.internal.layout.RecordLayout;
import org.cffi4j.internal.layout.RecordLayouter;
import org.cffi4j.internal.layout.RecordSpec;

/**
 * Parses struct and union specifiers, with or without a body, and lays the body out; enum
 * specifiers are delegated to {@link EnumParser}. Struct types are nominal: a tag names one type,
 * completed by the first body declared for it.
 */
final class RecordParser {
    private final ParseContext ctx;
    private final TokenStream ts;
    private final EnumParser enums;

    RecordParser(ParseContext ctx) {
        this.ctx = ctx;
        this.ts = ctx.tokens;
        this.enums = new EnumParser(ctx);
    }

    CType enumeration(DeclSpecs specs) {
        return enums.enumeration(specs);
    }

    /** {@code struct tag}, {@code struct tag {...}} or {@code struct {...}} (the same for unions). */
    CType structOrUnion(DeclSpecs specs) {
        Token keyword = ts.next();
        StructType.Kind kind = keyword.is("struct") ? StructType.Kind.STRUCT : StructType.Kind.UNION;
        Attributes attrs = new Attributes();
        ctx.attributes.parse(attrs);
        Token tagToken = null;
        if (ts.at(Token.Kind.IDENTIFIER) && !ctx.attributes.atAttribute()) {
            tagToken = ts.next();
        }
        if (!ts.at("{")) {
            if (tagToken == null) {
                throw ts.expected("'{' or a tag name after '" + keyword.text() + "'");
            }
            return reference(kind, tagToken);
        }
        specs.definesTag = true;
        StructType existing = tagToken == null ? null : existingTag(kind, tagToken);
        if (existing == null && tagToken != null && !ctx.table.isScratch()) {
            existing = adoptMentioned(kind, tagToken); // a type name mentioned it: that type is completed
        }
        StructType target = existing != null && existing.state() == StructType.State.INCOMPLETE ? existing : null;
        if (target == null) {
            String name =
                    tagToken != null ? kind.keyword() + " " + tagToken.text() : ctx.table.anonymousName(kind.keyword());
            target = StructType.declare(kind, tagToken == null ? null : tagToken.text(), name);
            if (tagToken != null && existing == null) {
                ctx.table.putTag(tagToken.text(), target); // in scope inside its own body
            }
        } else if (ctx.table.tag(tagToken.text()).isEmpty()) {
            ctx.table.putTag(tagToken.text(), target);
        }
        if (tagToken != null) { // where later stages (API mode's checks) cite the struct
            ctx.table.noteLocation(kind.keyword() + " " + tagToken.text(), ts.location(tagToken));
        }
        String outer = ts.declarationName();
        ts.declaring(tagToken != null ? target.toString() : outer);
        Body body = body(target.toString());
        ctx.attributes.parse(attrs);
        complete(target, body, attrs, keyword);
        ts.declaring(outer);
        return existing != null && existing != target ? ctx.registrar.redefinition(tagToken, existing, target) : target;
    }

    // The struct or union already declared with this tag, checking it is of the same kind.
    private StructType existingTag(StructType.Kind kind, Token tag) {
        CType existing = ctx.table.tag(tag.text()).orElse(null);
        if (existing != null && (!(existing instanceof StructType s) || s.kind() != kind)) {
            throw ts.error(tag, "'" + tag.text() + "' defined as wrong kind of tag: it is '" + existing + "'");
        }
        return (StructType) existing;
    }

    private CType reference(StructType.Kind kind, Token tag) {
        StructType existing = existingTag(kind, tag);
        if (existing == null) {
            existing = (StructType) ctx.table.undeclaredTag(
                    kind.keyword() + " " + tag.text(), () -> StructType.declare(kind, tag.text(), null));
            ctx.table.putTag(tag.text(), existing);
        }
        return existing;
    }

    // The incomplete type a type name gave an undeclared tag of this kind, now declared by a cdef.
    private StructType adoptMentioned(StructType.Kind kind, Token tag) {
        CType t = ctx.table.undeclaredTag(kind.keyword() + " " + tag.text(), () -> null);
        return t instanceof StructType s && s.state() == StructType.State.INCOMPLETE ? s : null;
    }

    private record Body(List<MemberSpec> members, boolean partial, Token open) {}

    private Body body(String name) {
        Token open = ts.expect("{");
        ts.enter();
        try {
            List<MemberSpec> members = new ArrayList<>();
            boolean partial = false;
            while (!ts.accept("}")) {
                if (ts.at(Token.Kind.END_OF_INPUT)) {
                    throw ts.error(open, "'" + name + "': missing '}' at the end of the body");
                }
                if (ts.accept(";")) {
                    continue;
                }
                if (ts.at("...")) {
                    ts.next();
                    ts.expect(";");
                    partial = true;
                } else if (ts.at("_Static_assert") || ts.at("static_assert")) {
                    ctx.directives.staticAssert();
                } else if (ts.at(Token.Kind.PRAGMA)) {
                    ctx.directives.pragma();
                } else {
                    memberDeclaration(name, members);
                }
            }
            return new Body(members, partial, open);
        } finally {
            ts.leave();
        }
    }

    private void memberDeclaration(String recordName, List<MemberSpec> members) {
        Token start = ts.peek();
        if (!ctx.specifiers.startsSpecifiers(start)) {
            throw start.kind() == Token.Kind.IDENTIFIER
                    ? ts.error(start, ctx.typedefs.unknown(start.text(), " in '" + recordName + "'"))
                    : ts.expected("a member declaration in '" + recordName + "'");
        }
        DeclSpecs specs = ctx.specifiers.specifiers(false);
        if (ts.accept(";")) {
            if (specs.type instanceof StructType s && (s.tag() == null || specs.definesTag)) {
                members.add(new MemberSpec(
                        null, s, -1, specs.attributes.aligned, specs.attributes.packed, specs.qualifiers));
            }
            return; // "int;" declares nothing, as gcc warns
        }
        do {
            members.add(member(specs, recordName));
        } while (ts.accept(","));
        ts.expect(";");
    }

    private MemberSpec member(DeclSpecs specs, String recordName) {
        Attributes attrs = new Attributes();
        attrs.merge(specs.attributes);
        String name = null;
        Declarator d = null;
        Token at = ts.peek();
        if (!ts.at(":")) {
            d = ctx.declarators.declarator(DeclaratorParser.Mode.NAMED);
            name = d.name;
            at = d.nameToken;
            attrs.merge(d.attributes);
        }
        int width = -1;
        if (ts.accept(":")) {
            width = bitfieldWidth(name == null ? "(unnamed)" : name);
            if (width == 0 && name != null) {
                throw ts.error(at, "named bitfield '" + name + "' has zero width");
            }
        }
        ctx.attributes.parse(attrs);
        CType base = Vectors.apply(
                specs.type, attrs, ts, ctx.primitives); // vector_size(N) anywhere in the member applies to its base
        CType type = base;
        int qualifiers = specs.qualifiers;
        if (d != null) {
            Declarator.Applied applied = d.applyQualified(base, specs.qualifiers, ts);
            type = applied.type();
            qualifiers = applied.qualifiers(); // of the member itself: 'const char *p' is not const, 'char *const p' is
        }
        if (attrs.mode != null) {
            type = TypeSpecifierSet.Modes.apply(type, attrs.mode, ts, at, ctx.primitives);
        }
        if (type instanceof org.cffi4j.ctype.FunctionType) {
            throw ts.error(
                    at, "member '" + name + "' of '" + recordName + "' is declared as a function (use a pointer)");
        }
        return new MemberSpec(name, type, width, attrs.aligned, attrs.packed, qualifiers);
    }

    // The width after ':', checked as gcc checks it; a width past the type's is refused by the layout.
    private int bitfieldWidth(String name) {
        Token w = ts.peek();
        ConstValue v = ctx.expressions.constant();
        if (v.kind() != ConstValue.Kind.INTEGER) {
            throw ts.error(w, "bitfield '" + name + "' width is not an integer constant");
        }
        java.math.BigInteger n = v.exact();
        if (n.signum() < 0) {
            throw ts.error(w, "bitfield '" + name + "' has a negative width (" + n + ")");
        }
        if (n.compareTo(java.math.BigInteger.valueOf(128)) > 0) {
            throw ts.error(
                    w,
                    "bitfield '" + name + "' has an invalid width (" + n + "): no integer type is wider than"
                            + " 128 bits");
        }
        return n.intValue();
    }

    // Lays the body out (or, for a body with "..." or members only API mode can size, records the
    // members without offsets) and completes the type.
    private void complete(StructType type, Body body, Attributes attrs, Token keyword) {
        checkMembers(type, body);
        boolean partial = body.partial || body.members.stream().anyMatch(m -> needsApiMode(m.type()));
        TypeAccess.Mutators m = TypeAccess.mutators();
        if (partial) {
            for (MemberSpec spec : body.members) {
                if (spec.bitWidth() >= 0) { // as in CFFI: the compiler cannot tell where bitfields are
                    throw ts.error(
                            keyword,
                            "'" + type + "' has both bitfields ('" + (spec.name() == null ? "(unnamed)" : spec.name())
                                    + "') and members only API mode can place ('...'): API mode cannot place the"
                                    + " bitfields of a partial struct; declare the struct fully");
                }
            }
            List<Field> fields = body.members.stream()
                    .map(s -> new Field(s.name(), s.type(), -1, 0, s.bitWidth(), s.qualifiers()))
                    .toList();
            m.complete(type, fields, -1, -1, true);
            return;
        }
        boolean packed = attrs.packed || ctx.options.allPacked();
        RecordSpec spec =
                new RecordSpec(type.toString(), type.kind(), body.members, packed, attrs.aligned, ctx.currentPack);
        try {
            RecordLayout layout = RecordLayouter.layout(spec, ctx.table.abi());
            m.complete(type, layout.fields(), layout.size(), layout.alignment(), false);
            org.cffi4j.internal.layout.RequiredAlignments.remember(type, layout);
        } catch (FFIException e) {
            throw ts.error(keyword, e.getMessage());
        }
    }

    private void checkMembers(StructType type, Body body) {
        List<MemberSpec> members = body.members;
        for (int i = 0; i < members.size(); i++) {
            MemberSpec m = members.get(i);
            CType t = m.type();
            boolean last = i == members.size() - 1;
            if (t instanceof ArrayType a && a.length() == ArrayType.UNKNOWN_LENGTH) {
                String problem = !last
                        ? "is not at the end of the struct"
                        : type.kind() == StructType.Kind.UNION
                                ? "is in a union"
                                : members.size() == 1 ? "is the only member" : null;
                if (problem != null) {
                    throw ts.error(body.open, "flexible array member '" + m.name() + "' of '" + type + "' " + problem);
                }
                continue;
            }
            if (!t.isComplete() && !needsApiMode(t)) {
                String what = m.name() == null ? "an anonymous member" : "member '" + m.name() + "'";
                throw ts.error(body.open, what + " of '" + type + "' has incomplete type '" + t + "'");
            }
        }
    }

    /** Whether a type's layout can only come from the C compiler (CFFI's "..." placeholders). */
    static boolean needsApiMode(CType t) {
        for (; t instanceof ArrayType a; t = a.element()) { // a loop: typedefs can nest arrays without bound
            if (a.length() == ArrayType.API_MODE_LENGTH) {
                return true;
            }
        }
        return switch (t) {
            case StructType s -> s.state() == StructType.State.PARTIAL || s.state() == StructType.State.OPAQUE;
            case PrimitiveType p -> !p.isComplete();
            case EnumType e -> e.isPartial();
            default -> false;
        };
    }
}

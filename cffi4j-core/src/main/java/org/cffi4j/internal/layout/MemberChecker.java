package org.cffi4j.internal.layout;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.cffi4j.FFIException;
import org.cffi4j.ctype.ArrayType;
import org.cffi4j.ctype.CType;
import org.cffi4j.ctype.EnumType;
import org.cffi4j.ctype.Field;
import org.cffi4j.ctype.FunctionType;
import org.cffi4j.ctype.PrimitiveType;
import org.cffi4j.ctype.StructType;

/**
 * Rejects what gcc rejects in a struct or union body, with messages that name the record and the
 * member, and drops what gcc drops (a member that declares nothing, such as {@code int;}).
 */
final class MemberChecker {
    private MemberChecker() {}

    /** The members to lay out, after checking the record and each of its members. */
    static List<MemberSpec> check(RecordSpec spec) {
        checkRecord(spec);
        List<MemberSpec> kept = new ArrayList<>();
        List<MemberSpec> members = spec.members();
        for (int i = 0; i < members.size(); i++) {
            MemberSpec m = members.get(i);
            if (declaresNothing(m)) {
                continue; // gcc: "declaration does not declare anything", a warning
            }
            checkAlignment(spec, m);
            if (m.bitWidth() < -1 || m.isBitfield()) {
                checkBitfield(spec, m);
            } else {
                checkComplete(spec, m, i == members.size() - 1);
            }
            kept.add(m);
        }
        checkNamesUnique(spec, kept);
        return kept;
    }

    private static void checkRecord(RecordSpec spec) {
        if (spec.alignedAttr() != 0 && !Bits.isPowerOfTwo(spec.alignedAttr())) {
            throw new FFIException("requested alignment " + spec.alignedAttr() + " of '" + spec.name()
                    + "' is not a positive power of 2");
        }
        if (spec.maxPack() != 0 && !Bits.isPowerOfTwo(spec.maxPack())) {
            throw new FFIException("#pragma pack(" + spec.maxPack() + ") in force for '" + spec.name()
                    + "': the packing must be a power of 2");
        }
    }

    // An unnamed member that is neither a bitfield nor an untagged struct or union declares nothing.
    private static boolean declaresNothing(MemberSpec m) {
        return m.name() == null
                && !m.isBitfield()
                && m.bitWidth() >= -1
                && !(m.type() instanceof StructType s && s.tag() == null);
    }

    private static void checkAlignment(RecordSpec spec, MemberSpec m) {
        if (m.alignedAttr() != 0 && !Bits.isPowerOfTwo(m.alignedAttr())) {
            throw new FFIException("requested alignment " + m.alignedAttr() + " of " + describe(m) + " in '"
                    + spec.name() + "' is not a positive power of 2");
        }
    }

    private static void checkBitfield(RecordSpec spec, MemberSpec m) {
        String where = describe(m) + " in '" + spec.name() + "'";
        if (m.bitWidth() < 0) {
            throw new FFIException("negative width of " + where + " (" + m.bitWidth() + ")");
        }
        CType t = m.type();
        boolean integral = t instanceof EnumType || t instanceof PrimitiveType p && p.isIntegral();
        if (!integral) {
            throw new FFIException(where + " has type '" + t + "', which is not an integer type");
        }
        if (!t.isComplete()) {
            throw incomplete(spec, m, null);
        }
        if (m.bitWidth() == 0 && m.name() != null) {
            throw new FFIException("zero width for " + where + ": only an unnamed bitfield may be 0 bits wide");
        }
        long maxWidth =
                t instanceof PrimitiveType p && p.kind() == PrimitiveType.Kind.BOOL ? 1 : Bits.ofBytes(t.byteSize());
        if (m.bitWidth() > maxWidth) {
            throw new FFIException("width of " + where + " (" + m.bitWidth() + ") exceeds its type '" + t + "' ("
                    + maxWidth + (maxWidth == 1 ? " bit)" : " bits)"));
        }
    }

    private static void checkComplete(RecordSpec spec, MemberSpec m, boolean last) {
        CType t = m.type();
        if (t instanceof FunctionType) {
            throw new FFIException(
                    describe(m) + " in '" + spec.name() + "' is declared as a function; use a pointer to it");
        }
        if (t instanceof ArrayType a
                && a.length() == ArrayType.UNKNOWN_LENGTH
                && a.element().isComplete()) {
            checkFlexibleArray(spec, m, last);
            return;
        }
        if (!t.isComplete()) {
            throw incomplete(spec, m, t instanceof ArrayType a ? a.element() : t);
        }
    }

    private static void checkFlexibleArray(RecordSpec spec, MemberSpec m, boolean last) {
        String where = "flexible array member " + describe(m) + " in '" + spec.name() + "'";
        if (spec.kind() == StructType.Kind.UNION) {
            throw new FFIException(where + ": a union cannot have one");
        }
        if (!last) {
            throw new FFIException(where + " is not at the end of the struct");
        }
        boolean named =
                spec.members().stream().anyMatch(o -> o != m && (o.name() != null || o.type() instanceof StructType));
        if (!named) {
            throw new FFIException(where + ": the struct has no named member");
        }
    }

    private static FFIException incomplete(RecordSpec spec, MemberSpec m, CType why) {
        String message = describe(m) + " in '" + spec.name() + "' has incomplete type '" + m.type() + "'";
        try {
            (why == null ? m.type() : why).byteSize();
        } catch (FFIException e) {
            return new FFIException(message + ": " + e.getMessage(), e);
        }
        return new FFIException(message);
    }

    // C reaches the members of an anonymous struct or union member directly, so they share one scope.
    private static void checkNamesUnique(RecordSpec spec, List<MemberSpec> members) {
        Set<String> seen = new HashSet<>();
        for (MemberSpec m : members) {
            List<String> names = m.name() != null ? List.of(m.name()) : anonymousNames(m.type());
            for (String name : names) {
                if (!seen.add(name)) {
                    throw new FFIException("duplicate member '" + name + "' in '" + spec.name() + "'");
                }
            }
        }
    }

    private static List<String> anonymousNames(CType type) {
        List<String> names = new ArrayList<>();
        if (type instanceof StructType s && s.isComplete()) {
            for (Field f : s.fields()) {
                if (f.name() != null) {
                    names.add(f.name());
                } else if (f.isAnonymousMember()) {
                    names.addAll(anonymousNames(f.type()));
                }
            }
        }
        return names;
    }

    /** The member as messages name it: {@code field 'x'}, {@code bitfield 'x'}, {@code an unnamed bitfield}. */
    static String describe(MemberSpec m) {
        String kind = m.isBitfield() || m.bitWidth() < -1 ? "bitfield" : "field";
        return m.name() == null ? "unnamed " + kind : kind + " '" + m.name() + "'";
    }
}

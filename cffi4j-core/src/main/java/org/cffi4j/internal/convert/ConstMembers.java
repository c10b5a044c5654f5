package org.cffi4j.internal.convert;

import org.cffi4j.FFIException;
import org.cffi4j.ctype.ArrayType;
import org.cffi4j.ctype.CType;
import org.cffi4j.ctype.Field;
import org.cffi4j.ctype.StructType;

/**
 * C's rule for {@code const} members: an assignment cannot set a const member, nor a struct or
 * union that has one (at any depth), nor an array of those; only an initialiser can (so {@code
 * ffi.alloc}'s initialiser may, {@code CData.set} may not).
 */
public final class ConstMembers {
    private ConstMembers() {}

    /** A const member and the struct or union it belongs to. */
    public record Member(Field field, StructType owner) {}

    /** The const member that forbids assigning a value of type {@code t}, or null if there is none. */
    public static Member in(CType t) {
        if (t instanceof ArrayType a) {
            return in(a.element());
        }
        if (!(t instanceof StructType s) || !s.isComplete()) {
            return null;
        }
        for (Field f : s.fields()) {
            if (f.name() == null && f.isBitfield()) {
                continue; // padding: it holds no value
            }
            if (f.isConst() && f.name() != null) {
                return new Member(f, s);
            }
            Member inner = in(f.type());
            if (inner != null) {
                return inner;
            }
            if (f.isConst() && f.type() instanceof StructType anonymous) { // const struct { ... };
                for (Field g : anonymous.fields()) {
                    if (g.name() != null) {
                        return new Member(g, s);
                    }
                }
            }
        }
        return null;
    }

    /** The const member {@code f} of {@code owner}, or the one its type has; null if neither. */
    public static Member of(Field f, StructType owner) {
        return f.isConst() ? new Member(f, owner) : in(f.type());
    }

    /**
     * The error for an assignment to {@code what} (e.g. {@code 'x' of 'struct s *'}) that would set
     * the const member {@code m}.
     */
    public static FFIException assignment(Object what, Member m) {
        return new FFIException(
                "cannot assign to " + what + ": member '" + m.field().name() + "' of '" + m.owner()
                        + "' is const (C lets only an initialiser set it, as ffi.alloc does)");
    }
}

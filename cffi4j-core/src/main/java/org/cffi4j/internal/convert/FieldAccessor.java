package org.cffi4j.internal.convert;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.cffi4j.ctype.CType;
import org.cffi4j.ctype.Field;
import org.cffi4j.ctype.PrimitiveType;
import org.cffi4j.ctype.StructType;
import org.cffi4j.internal.TypeAccess;
import org.cffi4j.internal.memory.Lifetime;

/**
 * Reads and writes one plain (not bitfield) member of a struct or union, specialised once for its C
 * type: {@code int}, {@code long} and {@code double} members, the usual ones, get and take their
 * Java carrier directly; any other member, or another Java value, goes through the conversion
 * table. A struct's accessors are built on first use and kept with its body.
 */
public abstract class FieldAccessor {
    final long offset;
    final CType type;
    final Object where;
    private final ConstMembers.Member constMember;

    private FieldAccessor(StructType owner, Field f) {
        this.offset = f.byteOffset();
        this.type = f.type();
        this.where = new Initializers.Member(f, owner);
        this.constMember = ConstMembers.of(f, owner);
    }

    /** The const member an assignment to this member would set (C forbids it), or null. */
    public ConstMembers.Member constMember() {
        return constMember;
    }

    /**
     * The accessor of member {@code name} of the struct or union {@code t} (or of the one {@code t}
     * points to), or null when that is not a plain member of a complete struct or union.
     */
    public static FieldAccessor find(CType t, String name) {
        StructType s = t instanceof org.cffi4j.ctype.PointerType p && p.target() instanceof StructType q
                ? q
                : t instanceof StructType q ? q : null;
        if (s == null) {
            return null;
        }
        AtomicReference<Object> slot = TypeAccess.mutators().runtimeSlot(s);
        if (slot == null) {
            return null;
        }
        Members members = (Members) slot.get();
        if (members == null) {
            members = new Members(s);
            slot.compareAndSet(null, members);
        }
        return members.get(name);
    }

    /** The accessors of one struct's members, by name. */
    private static final class Members {
        private static final int SCANNED = 8;
        private final String[] names;
        private final FieldAccessor[] accessors;
        private final Map<String, FieldAccessor> byName = new HashMap<>();

        Members(StructType s) {
            // A struct declared with '...' has no offsets before API mode: no accessors, the general
            // path reports it.
            boolean laidOut = s.fields().stream().allMatch(f -> f.byteOffset() >= 0);
            for (Field f : laidOut ? TypeAccess.mutators().namedMembers(s) : java.util.List.<Field>of()) {
                if (!f.isBitfield() && !FlexibleArrays.isVariable(f.type())) { // those run past the struct
                    // Interned like the string literals of Java code, so a lookup with a literal matches by identity.
                    byName.put(f.name().intern(), of(s, f));
                }
            }
            names = byName.keySet().toArray(String[]::new);
            accessors = new FieldAccessor[names.length];
            for (int i = 0; i < names.length; i++) {
                accessors[i] = byName.get(names[i]);
            }
        }

        // Member names are interned, and so are the string literals of Java code: an identity scan
        // of the first few names is cheaper than a hash lookup.
        FieldAccessor get(String name) {
            for (int i = 0, n = Math.min(names.length, SCANNED); i < n; i++) {
                if (names[i] == name) {
                    return accessors[i];
                }
            }
            return byName.get(name);
        }
    }

    private static FieldAccessor of(StructType s, Field f) {
        if (f.type() instanceof PrimitiveType p && p.isComplete() && p.signed()) {
            if (p.kind() == PrimitiveType.Kind.INTEGER && p.size() == 4) {
                return new Int(s, f);
            }
            if (p.kind() == PrimitiveType.Kind.INTEGER && p.size() == 8) {
                return new Long64(s, f);
            }
            if (p.kind() == PrimitiveType.Kind.FLOATING && p.size() == 8) {
                return new Double64(s, f);
            }
        }
        return new General(s, f);
    }

    /** The member's value in the struct at {@code base}, as {@link Values#read} gives it. */
    public abstract Object read(MemorySegment base, Lifetime lifetime);

    /** Stores {@code value} into the member of the struct at {@code base}, converted by the table. */
    public abstract void write(MemorySegment base, Object value);

    private static final class Int extends FieldAccessor {
        Int(StructType s, Field f) {
            super(s, f);
        }

        @Override
        public Object read(MemorySegment base, Lifetime lifetime) {
            return base.get(ValueLayout.JAVA_INT_UNALIGNED, offset);
        }

        @Override
        public void write(MemorySegment base, Object value) {
            if (value instanceof Integer i) {
                base.set(ValueLayout.JAVA_INT_UNALIGNED, offset, i);
            } else {
                Values.write(type, base, offset, value, where);
            }
        }
    }

    private static final class Long64 extends FieldAccessor {
        Long64(StructType s, Field f) {
            super(s, f);
        }

        @Override
        public Object read(MemorySegment base, Lifetime lifetime) {
            return base.get(ValueLayout.JAVA_LONG_UNALIGNED, offset);
        }

        @Override
        public void write(MemorySegment base, Object value) {
            if (value instanceof Long l) {
                base.set(ValueLayout.JAVA_LONG_UNALIGNED, offset, l);
            } else if (value instanceof Integer i) {
                base.set(ValueLayout.JAVA_LONG_UNALIGNED, offset, i);
            } else {
                Values.write(type, base, offset, value, where);
            }
        }
    }

    private static final class Double64 extends FieldAccessor {
        Double64(StructType s, Field f) {
            super(s, f);
        }

        @Override
        public Object read(MemorySegment base, Lifetime lifetime) {
            return base.get(ValueLayout.JAVA_DOUBLE_UNALIGNED, offset);
        }

        @Override
        public void write(MemorySegment base, Object value) {
            if (value instanceof Double d) {
                base.set(ValueLayout.JAVA_DOUBLE_UNALIGNED, offset, d);
            } else {
                Values.write(type, base, offset, value, where);
            }
        }
    }

    private static final class General extends FieldAccessor {
        General(StructType s, Field f) {
            super(s, f);
        }

        @Override
        public Object read(MemorySegment base, Lifetime lifetime) {
            return Values.read(type, base, offset, lifetime);
        }

        @Override
        public void write(MemorySegment base, Object value) {
            Values.write(type, base, offset, value, where);
        }
    }
}

package org.cffi4j;

import java.lang.foreign.MemorySegment;
import org.cffi4j.ctype.ArrayType;
import org.cffi4j.ctype.CType;
import org.cffi4j.ctype.Field;
import org.cffi4j.ctype.PointerType;
import org.cffi4j.ctype.StructType;
import org.cffi4j.internal.convert.Bitfields;
import org.cffi4j.internal.convert.ConstMembers;
import org.cffi4j.internal.convert.FieldAccessor;
import org.cffi4j.internal.convert.FlexibleArrays;
import org.cffi4j.internal.convert.Initializers;
import org.cffi4j.internal.convert.Values;
import org.cffi4j.internal.memory.Lifetime;
import org.cffi4j.internal.message.DidYouMean;

/**
 * Resolves member paths of {@link CData#get(String)} and {@link CData#set(String, Object)}:
 * {@code "x"}, {@code "inner.x"}, {@code "items.3"}, through structs, pointers to them and arrays.
 */
final class MemberAccess {
    private MemberAccess() {}

    // constant: a const member on the way to the place, which makes it const too (not through a pointer).
    private record Place(
            StructType owner,
            Field field,
            MemorySegment base,
            CType arrayItemType,
            long itemOffset,
            ConstMembers.Member constant) {
        Place withConstant(ConstMembers.Member m) {
            return new Place(owner, field, base, arrayItemType, itemOffset, m);
        }

        // The const member an assignment to this place would set, or null.
        ConstMembers.Member assigned() {
            return constant != null ? constant : ConstMembers.in(field != null ? field.type() : arrayItemType);
        }
    }

    static Object get(CData c, String path) {
        Lifetime lifetime = c.lifetime();
        lifetime.enter(c);
        try {
            FieldAccessor direct = FieldAccessor.find(c.ctype(), path);
            if (direct != null) {
                return direct.read(structMemory(c, path), lifetime);
            }
            Place p = locate(c, path);
            if (p.field == null) {
                return Values.read(p.arrayItemType, p.base, p.itemOffset, lifetime);
            }
            return p.field.isBitfield()
                    ? Bitfields.read(p.field, p.base, 0)
                    : Values.read(p.field.type(), p.base, p.field.byteOffset(), lifetime);
        } finally {
            lifetime.exit();
        }
    }

    static void set(CData c, String path, Object value) {
        Lifetime lifetime = c.lifetime();
        lifetime.enter(c);
        try {
            FieldAccessor direct = FieldAccessor.find(c.ctype(), path);
            if (direct != null) {
                if (direct.constMember() != null) {
                    throw ConstMembers.assignment("'" + path + "' of '" + c.ctype() + "'", direct.constMember());
                }
                MemorySegment m = structMemory(c, path);
                checkWritable(m, c);
                direct.write(m, value);
                return;
            }
            Place p = locate(c, path);
            if (p.assigned() != null) {
                throw ConstMembers.assignment("'" + path + "' of '" + c.ctype() + "'", p.assigned());
            }
            checkWritable(p.base, c);
            if (p.field == null) {
                Values.write(p.arrayItemType, p.base, p.itemOffset, value, "'" + path + "' of '" + c.ctype() + "'");
            } else if (FlexibleArrays.isVariable(p.field.type())) { // its items run to the end of the block
                Values.write(
                        p.field.type(),
                        FlexibleArrays.items(p.base.address() + p.field.byteOffset(), lifetime),
                        0,
                        value,
                        "member '" + p.field.name() + "' of '" + p.owner + "'");
            } else {
                Initializers.writeField(p.owner, p.field, p.base, value, path);
            }
        } finally {
            lifetime.exit();
        }
    }

    /** Fails if {@code m} is read-only memory (ffi.fromBuffer of a read-only buffer) of cdata {@code c}. */
    static void checkWritable(MemorySegment m, CData c) {
        if (m.isReadOnly()) {
            throw new FFIException("cannot write into " + c + ": its memory is read-only (a read-only buffer given to"
                    + " ffi.fromBuffer)");
        }
    }

    // The memory of the struct itself, or of the one a pointer points to.
    private static MemorySegment structMemory(CData c, String path) {
        MemorySegment base = c.rawMemory();
        return c.ctype() instanceof PointerType p ? pointee(p, base, c.isBounded(), path) : base;
    }

    private static Place locate(CData c, String path) {
        if (path == null) {
            throw new FFIException(
                    "a member of '" + c.ctype() + "' is named by a String such as \"x\" or \"a.b\"," + " not null");
        }
        MemorySegment base = c.rawMemory();
        CType current = c.ctype();
        String[] steps = path.split("\\.", -1);
        Place place = null;
        ConstMembers.Member constant = null;
        for (String step : steps) {
            if (place != null) {
                CType t = place.field != null ? place.field.type() : place.arrayItemType;
                if (t instanceof PointerType) {
                    constant = null; // what a pointer member points to is not the member
                }
                long off = place.field != null ? place.field.byteOffset() : place.itemOffset;
                base = t instanceof PointerType
                        ? pointee(
                                (PointerType) t,
                                base.get(java.lang.foreign.ValueLayout.ADDRESS_UNALIGNED, off),
                                false, // a pointer read from memory: C's, its block unknown
                                path)
                        : FlexibleArrays.isVariable(t)
                                ? FlexibleArrays.items(base.address() + off, c.lifetime())
                                : base.asSlice(off, t.byteSize());
                current = t instanceof PointerType p ? p.target() : t;
            } else if (current instanceof PointerType p) {
                base = pointee(p, base, c.isBounded(), path);
                current = p.target();
            }
            place = step(current, base, step, path, c);
            if (constant == null && place.field != null && place.field.isConst()) {
                constant = new ConstMembers.Member(place.field, place.owner);
            }
        }
        return place.withConstant(constant);
    }

    // The memory of the struct a pointer points to: a pointer into a known block must hold the whole
    // struct there (a cast or fromBuffer of too small a block is caught here, not written past).
    private static MemorySegment pointee(PointerType p, MemorySegment at, boolean bounded, String path) {
        if (at.address() == 0) {
            throw new FFIException("NULL pointer dereference reading '" + path + "' through '" + p + "'");
        }
        long size = p.target().byteSize();
        if (at.byteSize() >= size) {
            return at;
        }
        if (bounded) {
            throw new FFIException("member '" + path + "' is out of bounds: '" + p + "' points into a block of "
                    + CDataFunctions.bytes(at.byteSize()) + ", and '" + p.target() + "' takes " + size);
        }
        return at.reinterpret(size);
    }

    private static Place step(CType current, MemorySegment base, String step, String path, CData c) {
        if (!step.isEmpty() && step.chars().allMatch(Character::isDigit) && current instanceof ArrayType a) {
            long i = step.length() > 18 ? Long.MAX_VALUE : Long.parseLong(step); // more digits: past any array
            long size = a.element().byteSize();
            if (a.hasLength() && !FlexibleArrays.isVariable(a) && i >= a.length()
                    || i > Long.MAX_VALUE / Math.max(1, size)) {
                throw new FFIException("index " + step + " is out of bounds for '" + a + "' in '" + path + "'");
            }
            if (FlexibleArrays.isVariable(a) && i * size + size > base.byteSize()) {
                throw new FFIException("index " + step + " is out of bounds for '" + a + "' in '" + path + "': its"
                        + " block has room for " + CDataFunctions.items(base.byteSize() / Math.max(1, size)));
            }
            return new Place(null, null, base, a.element(), i * a.element().byteSize(), null);
        }
        if (!(current instanceof StructType s)) {
            throw new FFIException("'" + c.ctype() + "' has no member '" + step + "'"
                    + (path.equals(step) ? "" : " (in '" + path + "')") + ": '" + current
                    + "' is not a struct or union");
        }
        Field f = s.field(step)
                .orElseThrow(() -> new FFIException("'" + s + "' has no member named '" + step + "'"
                        + DidYouMean.member(step, s) + (path.equals(step) ? "" : " (in '" + path + "')")));
        return new Place(s, f, base, null, 0, null);
    }
}

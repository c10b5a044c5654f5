package org.cffi4j;

import java.lang.foreign.MemorySegment;
import org.cffi4j.ctype.ArrayType;
import org.cffi4j.ctype.CType;
import org.cffi4j.ctype.Field;
import org.cffi4j.ctype.PointerType;
import org.cffi4j.ctype.StructType;
import org.cffi4j.internal.ffm.Bitfields;
import org.cffi4j.internal.ffm.FieldAccessor;
import org.cffi4j.internal.ffm.Initializers;
import org.cffi4j.internal.ffm.Values;

/**
 * Resolves member paths of {@link CData#get(String)} and {@link CData#set(String, Object)}:
 * {@code "x"}, {@code "inner.x"}, {@code "items.3"}, through structs, pointers to them and arrays.
 */
final class MemberAccess {
    private MemberAccess() {}

    private record Place(StructType owner, Field field, MemorySegment base, CType arrayItemType, long itemOffset) {}

    static Object get(CData c, String path) {
        FieldAccessor direct = FieldAccessor.find(c.ctype(), path);
        if (direct != null) {
            return direct.read(structMemory(c, path), c.lifetime());
        }
        Place p = locate(c, path);
        if (p.field == null) {
            return Values.read(p.arrayItemType, p.base, p.itemOffset, c.lifetime());
        }
        return p.field.isBitfield()
                ? Bitfields.read(p.field, p.base, 0)
                : Values.read(p.field.type(), p.base, p.field.byteOffset(), c.lifetime());
    }

    static void set(CData c, String path, Object value) {
        FieldAccessor direct = FieldAccessor.find(c.ctype(), path);
        if (direct != null) {
            MemorySegment m = structMemory(c, path);
            checkWritable(m, c);
            direct.write(m, value);
            return;
        }
        Place p = locate(c, path);
        checkWritable(p.base, c);
        if (p.field == null) {
            Values.write(p.arrayItemType, p.base, p.itemOffset, value, "'" + path + "' of '" + c.ctype() + "'");
        } else {
            Initializers.writeField(p.owner, p.field, p.base, value, path);
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
        MemorySegment base = c.memory();
        return c.ctype() instanceof PointerType p ? pointee(p, base, path) : base;
    }

    private static Place locate(CData c, String path) {
        if (path == null) {
            throw new FFIException(
                    "a member of '" + c.ctype() + "' is named by a String such as \"x\" or \"a.b\"," + " not null");
        }
        MemorySegment base = c.memory();
        CType current = c.ctype();
        String[] steps = path.split("\\.", -1);
        Place place = null;
        for (String step : steps) {
            if (place != null) {
                CType t = place.field != null ? place.field.type() : place.arrayItemType;
                long off = place.field != null ? place.field.byteOffset() : place.itemOffset;
                base = t instanceof PointerType
                        ? pointee((PointerType) t, base.get(java.lang.foreign.ValueLayout.ADDRESS_UNALIGNED, off), path)
                        : base.asSlice(off, t.byteSize());
                current = t instanceof PointerType p ? p.target() : t;
            } else if (current instanceof PointerType p) {
                base = pointee(p, base, path);
                current = p.target();
            }
            place = step(current, base, step, path, c);
        }
        return place;
    }

    private static MemorySegment pointee(PointerType p, MemorySegment at, String path) {
        if (at.address() == 0) {
            throw new FFIException("NULL pointer dereference reading '" + path + "' through '" + p + "'");
        }
        return at.byteSize() >= p.target().byteSize()
                ? at
                : at.reinterpret(p.target().byteSize());
    }

    private static Place step(CType current, MemorySegment base, String step, String path, CData c) {
        if (!step.isEmpty() && step.chars().allMatch(Character::isDigit) && current instanceof ArrayType a) {
            long i = step.length() > 18 ? Long.MAX_VALUE : Long.parseLong(step); // more digits: past any array
            if (a.hasLength() && i >= a.length()
                    || i > Long.MAX_VALUE / Math.max(1, a.element().byteSize())) {
                throw new FFIException("index " + step + " is out of bounds for '" + a + "' in '" + path + "'");
            }
            return new Place(null, null, base, a.element(), i * a.element().byteSize());
        }
        if (!(current instanceof StructType s)) {
            throw new FFIException("'" + c.ctype() + "' has no member '" + step + "'"
                    + (path.equals(step) ? "" : " (in '" + path + "')") + ": '" + current
                    + "' is not a struct or union");
        }
        Field f = s.field(step)
                .orElseThrow(() -> new FFIException("'" + s + "' has no member named '" + step + "'"
                        + (path.equals(step) ? "" : " (in '" + path + "')")));
        return new Place(s, f, base, null, 0);
    }
}

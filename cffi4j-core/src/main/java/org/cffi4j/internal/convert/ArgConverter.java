package org.cffi4j.internal.convert;

import java.lang.foreign.MemorySegment;
import org.cffi4j.CData;
import org.cffi4j.FFIException;
import org.cffi4j.ctype.CType;
import org.cffi4j.ctype.EnumType;
import org.cffi4j.ctype.FunctionType;
import org.cffi4j.ctype.PointerType;
import org.cffi4j.ctype.PrimitiveType;
import org.cffi4j.ctype.StructType;
import org.cffi4j.ctype.VoidType;
import org.cffi4j.internal.memory.CDataAccess;
import org.cffi4j.internal.memory.CStrings;
import org.cffi4j.internal.memory.CallScope;
import org.cffi4j.internal.memory.Lifetime;

/**
 * Converts one Java argument to the carrier value the FFM linker passes for a C parameter type,
 * by the conversion table: integers with range checks, floating numbers, booleans, pointers (with
 * C's typing), {@code char *} from a String, pointers from Java arrays (copied in and back), and
 * structs by value.
 */
public final class ArgConverter {
    private final CType type;
    private final String where;

    /** A converter for a parameter of {@code type}; {@code where} names it in messages. */
    public ArgConverter(CType type, String where) {
        this.type = type;
        this.where = where;
        this.exactCarrier = exactCarrier(type);
    }

    // The boxed Java type that is already the carrier, with every value in range: passed as is.
    private final Class<?> exactCarrier;

    private static Class<?> exactCarrier(CType type) {
        if (!(type instanceof PrimitiveType p) || !p.isComplete() || !p.signed()) {
            return null;
        }
        return switch (p.kind()) {
            case INTEGER -> p.size() == 4 ? Integer.class : p.size() == 8 ? Long.class : null;
            case FLOATING -> p.size() == 8 ? Double.class : p.size() == 4 ? Float.class : null;
            default -> null;
        };
    }

    /** The C type of the parameter. */
    public CType type() {
        return type;
    }

    /** What the argument is, for messages: {@code argument 1 of 'strlen'}. */
    public String where() {
        return where;
    }

    /**
     * The carrier of {@code value} for the linker; {@code scope} holds what must live until the call
     * returns (a copied string or array).
     *
     * @throws org.cffi4j.FFIException if the value cannot be converted to the C type
     */
    public Object toCarrier(Object value, CallScope scope) {
        if (value != null && value.getClass() == exactCarrier) {
            return value; // the common case, without the conversion table's checks
        }
        return switch (type) {
            case PrimitiveType p -> primitive(p, value);
            case EnumType e -> integer(e.underlying(), value);
            case PointerType p -> pointer(p, value, scope);
            case StructType s -> struct(s, value, scope);
            default -> throw new FFIException("'" + type + "' cannot be passed (" + where + ")");
        };
    }

    private Object primitive(PrimitiveType p, Object value) {
        return switch (p.kind()) {
            case FLOATING ->
                p.size() == 4
                        ? (Object) (float) Values.toDouble(value, type, where)
                        : (Object) Values.toDouble(value, type, where);
            case BOOL -> (Byte) integer(p, value) != 0; // integer() takes a number cdata by its value, as stores do
            case COMPLEX, UNKNOWN_FLOATING, UNKNOWN_INTEGER ->
                throw new FFIException("'" + p + "' cannot be passed in" + " ABI mode (" + where + ")");
            default -> integer(p, value);
        };
    }

    private Object integer(PrimitiveType p, Object value) {
        long bits = value instanceof CData c && (c.ctype() instanceof PrimitiveType || c.ctype() instanceof EnumType)
                ? IntegerRange.toBits(CastValues.numberOf(c), type, where)
                : IntegerRange.toBits(value, type, where);
        return switch ((int) p.size()) {
            case 1 -> (byte) bits;
            case 2 -> (short) bits;
            case 4 -> (int) bits;
            default -> bits;
        };
    }

    private Object pointer(PointerType p, Object value, CallScope scope) {
        if (value instanceof String s) {
            if (scope == null) {
                throw new FFIException(
                        "cannot return a java.lang.String as '" + p + "' (" + where + "): its memory would"
                                + " not outlive the call; return a cdata from ffi.alloc(\"char[]\", s) kept alive elsewhere");
            }
            int unit = WideStrings.unit(p.target());
            if (unit > 0) { // a wide string for wchar_t *, char16_t *, char32_t *: a terminated copy for the call
                MemorySegment units = WideStrings.encode(s, unit);
                MemorySegment m = scope.allocate(units.byteSize() + unit, unit);
                MemorySegment.copy(units, 0, m, 0, units.byteSize());
                m.asSlice(units.byteSize()).fill((byte) 0);
                return m;
            }
            if (!isByteTarget(p.target())) {
                throw new FFIException("cannot convert a java.lang.String to '" + p + "' (" + where + "): only char"
                        + " and wide-char pointers take strings");
            }
            return CStrings.utf8(s, scope::allocate);
        }
        if (value != null
                && value.getClass().isArray()
                && value.getClass().getComponentType().isPrimitive()
                && scope != null) {
            return JavaArrays.pass(p, value, scope, where);
        }
        if (value instanceof java.util.List<?> items && scope != null) {
            return temporaryArray(p, items, scope);
        }
        return Pointers.toAddress(p, value, where);
    }

    // A List where a T * goes: a temporary T[n] for the call, filled as ffi.alloc("T[]", list) would
    // be (numbers, or initialisers of structs), as CFFI passes a list.
    private MemorySegment temporaryArray(PointerType p, java.util.List<?> items, CallScope scope) {
        CType item = p.target();
        if (item instanceof VoidType || item instanceof FunctionType || !item.isComplete()) {
            throw new FFIException("cannot convert a java.util.List to '" + p + "' (" + where + "): the items of a"
                    + " List need a complete pointed-to type, and '" + item + "' is not one");
        }
        org.cffi4j.ctype.ArrayType array = new org.cffi4j.ctype.ArrayType(item, items.size());
        MemorySegment m = scope.allocate(Math.max(1, array.byteSize()), item.byteAlignment());
        Values.write(array, m, 0, items, where);
        return m;
    }

    private static boolean isByteTarget(CType t) {
        return t instanceof VoidType
                || t instanceof PrimitiveType q && q.isComplete() && q.size() == 1 && q.isIntegral();
    }

    private Object struct(StructType s, Object value, CallScope scope) {
        if (StructArguments.isCDataOf(s, value)) {
            CData c = (CData) value;
            if (scope == null) {
                // A callback's result, copied by the linker once the callback returned, when nothing
                // holds the cdata any more: copy it now.
                MemorySegment memory = CDataAccess.door().memory(c);
                Lifetime lifetime = CDataAccess.door().lifetime(c);
                MemorySegment copy = java.lang.foreign.Arena.ofAuto().allocate(s.byteSize(), s.byteAlignment());
                lifetime.enter(c, where);
                try {
                    MemorySegment.copy(memory, 0, copy, 0, s.byteSize());
                } finally {
                    lifetime.exit();
                }
                return copy;
            }
            return StructArguments.memoryOf(s, c, where);
        }
        MemorySegment m = scope != null
                ? scope.allocate(s.byteSize(), s.byteAlignment())
                : java.lang.foreign.Arena.ofAuto().allocate(s.byteSize(), s.byteAlignment()); // a callback's result
        Values.write(s, m, 0, value, where);
        return m;
    }
}

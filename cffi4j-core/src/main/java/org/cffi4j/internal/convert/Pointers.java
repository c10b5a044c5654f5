package org.cffi4j.internal.convert;

import java.lang.foreign.MemorySegment;
import org.cffi4j.CData;
import org.cffi4j.FFIException;
import org.cffi4j.ctype.ArrayType;
import org.cffi4j.ctype.CType;
import org.cffi4j.ctype.EnumType;
import org.cffi4j.ctype.FunctionType;
import org.cffi4j.ctype.PointerType;
import org.cffi4j.ctype.PrimitiveType;
import org.cffi4j.ctype.StructType;
import org.cffi4j.ctype.VoidType;
import org.cffi4j.internal.memory.CDataAccess;
import org.cffi4j.internal.memory.Lifetime;

/**
 * Converts Java values to C pointers with C's typing rules: a {@code T *} takes a pointer to a
 * compatible type or an array of it, {@code void *} takes any pointer, and any pointer takes a
 * {@code void *}; a {@code struct a *} where a {@code struct b *} is expected is an error.
 */
public final class Pointers {
    private Pointers() {}

    /** The address {@code value} stands for as a {@code expected}. */
    public static MemorySegment toAddress(PointerType expected, Object value, Object where) {
        if (value == null) {
            return MemorySegment.NULL;
        }
        if (value instanceof CData c) {
            return fromCData(expected, c, where);
        }
        if (value instanceof MemorySegment s) {
            if (!s.isNative()) {
                throw new FFIException("a heap MemorySegment cannot be passed as '" + expected + "' (" + where
                        + "): C can only see native memory");
            }
            return s;
        }
        if (value instanceof String) {
            throw new FFIException("cannot store a java.lang.String as '" + expected + "' (" + where + "): its memory"
                    + " would not outlive this statement; use ffi.alloc(\"char[]\", string) and store that");
        }
        throw new FFIException("cannot convert " + IntegerRange.describe(value) + " to '" + expected + "' (" + where
                + "): a pointer cdata, FFI.NULL or null is expected");
    }

    private static MemorySegment fromCData(PointerType expected, CData c, Object where) {
        CDataAccess.door().lifetime(c).check(c, where);
        CType actual = c.ctype();
        CType pointee = switch (actual) {
            case PointerType p -> p.target();
            case ArrayType a -> a.element();
            case FunctionType f -> f;
            default -> null;
        };
        if (pointee == null) {
            throw new FFIException("cannot convert a cdata of type '" + actual + "' to '" + expected + "' (" + where
                    + "): a pointer or an array is expected"
                    + (actual instanceof StructType ? "; pass ffi.addressof(s) for a pointer to a struct" : ""));
        }
        if (!compatible(expected.target(), pointee)) {
            throw new FFIException(
                    "cannot convert '" + actual + "' to '" + expected + "' (" + where + "): the pointed-to"
                            + " types differ; use ffi.cast(\"" + expected + "\", p) if that is really meant");
        }
        return MemorySegment.ofAddress(c.address());
    }

    /**
     * A pointer of {@code type} to {@code address}, computed from a cdata of {@code lifetime} (by
     * pointer arithmetic, a cast, {@code ffi.addressof}), keeping what is known of the memory there:
     * inside the block of an owned or viewed cdata, it designates the memory to the block's end and
     * shares its lifetime; outside that block it is unusable ({@link Lifetime#OUTSIDE}: writing there
     * would corrupt the C heap); elsewhere it designates one item, as C says.
     */
    public static CData into(PointerType type, long address, Lifetime lifetime) {
        if (lifetime.block() != null) {
            MemorySegment tail = lifetime.tail(address);
            return tail != null
                    ? CDataAccess.door().create(type, tail, lifetime)
                    : CDataAccess.door().create(type, MemorySegment.ofAddress(address), Lifetime.OUTSIDE);
        }
        CType target = type.target();
        long size = lifetime != Lifetime.OUTSIDE && target.isComplete() && !(target instanceof FunctionType)
                ? target.byteSize()
                : 0;
        return CDataAccess.door().create(type, MemorySegment.ofAddress(address).reinterpret(size), lifetime);
    }

    /** Whether a pointer to {@code actual} may be passed where a pointer to {@code expected} goes. */
    public static boolean compatible(CType expected, CType actual) {
        if (expected instanceof VoidType || actual instanceof VoidType || expected.equals(actual)) {
            return true;
        }
        CType e = expected instanceof EnumType en && en.isComplete() ? en.underlying() : expected;
        CType a = actual instanceof EnumType an && an.isComplete() ? an.underlying() : actual;
        return switch (e) {
            case PrimitiveType p when a instanceof PrimitiveType q -> sameRepresentation(p, q);
            case PointerType p when a instanceof PointerType q -> compatible(p.target(), q.target());
            case ArrayType x
            when a instanceof ArrayType y ->
                (x.length() == y.length() || !x.hasLength() || !y.hasLength()) && compatible(x.element(), y.element());
            default -> e.equals(a);
        };
    }

    // size_t and unsigned long, char and signed char...: one representation, so one pointer type for C.
    private static boolean sameRepresentation(PrimitiveType p, PrimitiveType q) {
        if (!p.isComplete() || !q.isComplete() || p.size() != q.size()) {
            return false;
        }
        boolean pChar = p.size() == 1 && p.isIntegral() && p.kind() != PrimitiveType.Kind.BOOL;
        boolean qChar = q.size() == 1 && q.isIntegral() && q.kind() != PrimitiveType.Kind.BOOL;
        if (pChar && qChar) {
            return true; // char signedness is ignored, as in CFFI
        }
        return p.kind().equals(q.kind()) && p.signed() == q.signed()
                || p.isIntegral()
                        && q.isIntegral()
                        && p.signed() == q.signed()
                        && p.kind() != PrimitiveType.Kind.BOOL
                        && q.kind() != PrimitiveType.Kind.BOOL;
    }
}

package org.cffi4j.internal.bind;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Method;
import org.cffi4j.FFIException;
import org.cffi4j.ctype.ArrayType;
import org.cffi4j.ctype.CType;
import org.cffi4j.ctype.EnumType;
import org.cffi4j.ctype.Field;
import org.cffi4j.ctype.PointerType;
import org.cffi4j.ctype.PrimitiveType;
import org.cffi4j.ctype.StructType;
import org.cffi4j.internal.call.NativeLayouts;
import org.cffi4j.internal.convert.Bitfields;
import org.cffi4j.internal.convert.ConstMembers;
import org.cffi4j.internal.invoke.MethodLookup;
import org.cffi4j.internal.message.DidYouMean;

/**
 * Checks one method of a struct view's interface against the struct's member of the same name and
 * gives the handle that implements it: a getter {@code T x()} is {@code (MemorySegment)T}, a setter
 * {@code void x(T v)} is {@code (MemorySegment, T)void}, both on the struct's memory. {@code T} is
 * the member's own Java type, as {@code bind} takes it for a C function's parameter: the
 * primitive of the same width for a number or enum ({@code int} for {@code int} and {@code
 * unsigned int}, {@code boolean} for {@code _Bool}), {@code MemorySegment} for a pointer, and for a
 * struct or union member an interface that views it (getter only). Plain members are read through
 * a {@code VarHandle} at a constant offset; bitfields through their bits.
 */
final class ViewAccessors {
    private static final MethodHandle READ_BITS;
    private static final MethodHandle WRITE_BITS;
    private static final MethodHandle SLICE;

    static {
        MethodHandles.Lookup l = MethodHandles.lookup();
        READ_BITS = MethodLookup.findStatic(
                l,
                Bitfields.class,
                "readBits",
                MethodType.methodType(long.class, Field.class, MemorySegment.class, long.class));
        WRITE_BITS = MethodLookup.findStatic(
                l,
                Bitfields.class,
                "writeBits",
                MethodType.methodType(
                        void.class, Field.class, MemorySegment.class, long.class, long.class, Object.class));
        SLICE = MethodLookup.findVirtual(
                l, MemorySegment.class, "asSlice", MethodType.methodType(MemorySegment.class, long.class, long.class));
    }

    private ViewAccessors() {}

    /** How the error about one method starts: {@code "cannot view 'struct point' through Point.x: "}. */
    static String errorPrefix(StructType s, Method m) {
        return "cannot view '" + s + "' through " + m.getDeclaringClass().getSimpleName() + "." + m.getName() + ": ";
    }

    /**
     * The handle of {@code m}, on the memory of a {@code s}; {@code views} makes the view of a
     * struct member.
     *
     * @throws FFIException naming the member, its C type and the Java type it takes, if they do not fit
     */
    static MethodHandle of(StructType s, Method m, Views views) {
        Class<?>[] params = m.getParameterTypes();
        boolean getter = params.length == 0 && m.getReturnType() != void.class;
        boolean setter = params.length == 1 && m.getReturnType() == void.class;
        if (!getter && !setter) {
            throw fail(
                    s,
                    m,
                    "a view's method is a getter 'T " + m.getName() + "()' or a setter 'void " + m.getName()
                            + "(T value)' of member '" + m.getName() + "', not '" + BindingSignature.javaSignature(m)
                            + "'");
        }
        Field f = s.field(m.getName())
                .orElseThrow(() -> fail(
                        s,
                        m,
                        "'" + s + "' has no member named '" + m.getName() + "'" + DidYouMean.member(m.getName(), s)));
        Class<?> java = getter ? m.getReturnType() : params[0];
        String member = "member '" + f.name() + "' is '" + f.type() + "'";
        CType t = f.type() instanceof EnumType e ? e.underlying() : f.type();
        if (t instanceof StructType inner) {
            if (setter) {
                throw fail(s, m, member + ": set its members through the view its getter returns");
            }
            if (!java.isInterface()) {
                throw fail(s, m, member + ", read as an interface that views it, not " + java.getSimpleName());
            }
            MethodHandle make = views.maker(java, inner); // (MemorySegment)view
            MethodHandle slice = MethodHandles.insertArguments(SLICE, 1, f.byteOffset(), inner.byteSize());
            return MethodHandles.filterReturnValue(slice, make)
                    .asType(MethodType.methodType(java, MemorySegment.class));
        }
        Class<?> carrier = carrier(s, m, t, member);
        if (java != carrier) {
            throw fail(
                    s,
                    m,
                    member + ", " + (getter ? "read" : "written") + " as " + carrier.getSimpleName() + ", not "
                            + java.getSimpleName());
        }
        if (setter && ConstMembers.of(f, s) != null) {
            throw fail(s, m, "member '" + f.name() + "' is a const '" + f.type() + "': a const member has no setter");
        }
        return f.isBitfield() ? bits(s, f, carrier, getter) : plain(f, getter);
    }

    // The Java type that holds the member's values.
    private static Class<?> carrier(StructType s, Method m, CType t, String member) {
        if (t instanceof ArrayType) {
            throw fail(s, m, member + ", an array: read it with CData.get, or through MemorySegment from segment()");
        }
        if (t instanceof PointerType) {
            return MemorySegment.class;
        }
        Class<?> c = t instanceof PrimitiveType p ? BindingSignature.carrierOf(p) : null;
        if (c == null) {
            throw fail(s, m, member + ", which no Java primitive holds: read it with CData.get");
        }
        return c;
    }

    private static MethodHandle plain(Field f, boolean getter) {
        VarHandle vh = ((ValueLayout) NativeLayouts.inMemory(f.type())).varHandle();
        MethodHandle h = vh.toMethodHandle(getter ? VarHandle.AccessMode.GET : VarHandle.AccessMode.SET);
        return MethodHandles.insertArguments(h, 1, f.byteOffset()); // (MemorySegment, offset[, value])
    }

    // A bitfield's bits as the carrier (explicit casts: a narrowing keeps the low bits, as a C
    // cast does), or the carrier's value into them, checked against the bitfield's width.
    private static MethodHandle bits(StructType s, Field f, Class<?> carrier, boolean getter) {
        if (getter) {
            MethodHandle h = MethodHandles.insertArguments(READ_BITS.bindTo(f), 1, 0L);
            return MethodHandles.explicitCastArguments(h, MethodType.methodType(carrier, MemorySegment.class));
        }
        MethodHandle h = MethodHandles.insertArguments(
                MethodHandles.insertArguments(WRITE_BITS.bindTo(f), 1, 0L),
                2,
                "member '" + f.name() + "' of '" + s + "'");
        PrimitiveType p = (PrimitiveType) (f.type() instanceof EnumType e ? e.underlying() : f.type());
        if (!p.signed() && carrier != boolean.class && carrier != long.class) {
            h = MethodHandles.filterArguments(h, 1, unsignedWidening(carrier));
        }
        return MethodHandles.explicitCastArguments(h, MethodType.methodType(void.class, MemorySegment.class, carrier));
    }

    // An unsigned member's Java value, whose top bit is the member's top bit, as a long.
    private static MethodHandle unsignedWidening(Class<?> carrier) {
        Class<?> box = carrier == int.class ? Integer.class : carrier == short.class ? Short.class : Byte.class;
        return MethodLookup.findStatic(
                MethodHandles.publicLookup(), box, "toUnsignedLong", MethodType.methodType(long.class, carrier));
    }

    private static FFIException fail(StructType s, Method m, String why) {
        return new FFIException(errorPrefix(s, m) + why);
    }

    /** Makes the views of struct members: a view's class for an interface and a struct type. */
    interface Views {
        /** {@code (MemorySegment)iface}: a view of {@code s} over the given memory. */
        MethodHandle maker(Class<?> iface, StructType s);
    }
}

package org.cffi4j.internal.call;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import org.cffi4j.FFIException;
import org.cffi4j.ctype.ArrayType;
import org.cffi4j.ctype.CType;
import org.cffi4j.ctype.EnumType;
import org.cffi4j.ctype.Field;
import org.cffi4j.ctype.FunctionType;
import org.cffi4j.ctype.PointerType;
import org.cffi4j.ctype.PrimitiveType;
import org.cffi4j.ctype.StructType;
import org.cffi4j.ctype.VectorType;
import org.cffi4j.ctype.VoidType;
import org.cffi4j.internal.message.ApiModeOnly;

/**
 * The FFM layouts of C types, as handed to the linker: well-formed (explicit padding, natural
 * alignment), so that the linker classifies arguments and returns as the C compiler does.
 */
public final class NativeLayouts {
    private NativeLayouts() {}

    /**
     * The layout of a value of this type passed to or returned from a C function.
     *
     * @throws FFIException if the FFM linker cannot pass such a value (long double, __int128, a
     *     packed struct...): API mode can, through a generated C wrapper
     */
    public static MemoryLayout of(CType t) {
        return of(t, false);
    }

    /**
     * The layout of a value of this type in memory, for {@code VarHandle}s on a cdata's segment: as
     * {@link #of(CType)}, with every member named (union members too) and the members of a packed
     * struct unaligned instead of refused. Bitfields stay plain bytes: no layout holds them.
     */
    public static MemoryLayout inMemory(CType t) {
        if (t instanceof VoidType || t instanceof FunctionType) {
            throw new FFIException("'" + t + "' has no layout: it is not a type of values in memory");
        }
        return of(t, true);
    }

    // A primitive's layout in memory: unaligned, and an error that speaks of memory, not of calls.
    private static MemoryLayout inMemory(PrimitiveType p) {
        try {
            return primitive(p).withByteAlignment(1);
        } catch (FFIException e) {
            throw new FFIException("'" + p + "' has no FFM value layout: no Java type holds its values");
        }
    }

    // In memory, leaf layouts are unaligned (as fast on the supported CPUs) and each struct carries
    // C's alignment: so packed structs need no special case.
    private static MemoryLayout of(CType t, boolean inMemory) {
        return switch (t) {
            case PrimitiveType p -> inMemory ? inMemory(p) : primitive(p);
            case EnumType e -> inMemory ? inMemory(e.underlying()) : primitive(e.underlying());
            // a 32-bit platform's pointer, in the layout of an FFI of that platform: its 4 bytes
            case PointerType p
            when p.byteSize() != ValueLayout.ADDRESS.byteSize() ->
                ValueLayout.JAVA_INT.withByteAlignment(inMemory ? 1 : p.byteSize());
            case PointerType p -> inMemory ? ValueLayout.ADDRESS_UNALIGNED : ValueLayout.ADDRESS;
            case StructType s when !inMemory -> passedByValue(s);
            case StructType s -> s.kind() == StructType.Kind.UNION ? union(s, inMemory) : struct(s, inMemory);
            case ArrayType a
            when !a.hasLength() ->
                throw new FFIException(
                        "'" + a + "' has no known length, so no layout; give it one, e.g. '" + a.element() + "[10]'");
            case ArrayType a -> MemoryLayout.sequenceLayout(a.length(), of(a.element(), inMemory));
            case VectorType v
            when inMemory ->
                MemoryLayout.sequenceLayout(v.length(), inMemory(v.element())).withByteAlignment(v.byteAlignment());
            case VectorType v ->
                throw new FFIException("'" + v + "' is a vector type: the JDK's FFM linker cannot pass vectors to or"
                        + " return them from C by value; pass a pointer to one");
            default -> throw new FFIException("'" + t + "' cannot be passed by value");
        };
    }

    // A struct or union passed to or returned from C: the linker classifies it from its layout, which
    // must then hold every member. Bitfields have no layout the linker takes as C does, and the
    // members of a struct that API mode completed from the cdef's partial declaration are not all
    // known: API mode passes those through a C wrapper, by pointer.
    private static MemoryLayout passedByValue(StructType s) {
        s.byteSize(); // an incomplete or partial type says so first
        if (COMPLETED_BY_COMPILER.containsKey(s)) {
            throw new FFIException("'" + s + "' was declared with '...' (API mode completed it, but the members the"
                    + " cdef leaves out decide how C passes it): the FFM linker cannot pass it by value; "
                    + ApiModeOnly.API_MODE + " calls the functions that do through a C wrapper");
        }
        for (Field f : s.fields()) {
            if (f.isBitfield()) {
                throw new FFIException("'" + s + "' has bitfields ('" + (f.name() == null ? "(unnamed)" : f.name())
                        + "'): the FFM linker cannot pass it by value; " + ApiModeOnly.API_MODE + " can");
            }
        }
        return s.kind() == StructType.Kind.UNION ? union(s, false) : struct(s, false);
    }

    private static final java.util.Map<StructType, Boolean> COMPLETED_BY_COMPILER =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    /**
     * Notes that API mode completed a struct or union declared with '...' from the C compiler's
     * layout: only the members the cdef names are known, so no layout for the linker can be made.
     */
    public static void completedByCompiler(StructType s) {
        COMPLETED_BY_COMPILER.put(s, Boolean.TRUE);
    }

    /**
     * Whether API mode completed {@code s} from a declaration with '...' (see {@link
     * #completedByCompiler}).
     *
     * @param s a struct or union
     * @return true if the compiler gave its layout
     */
    public static boolean isCompletedByCompiler(StructType s) {
        return COMPLETED_BY_COMPILER.containsKey(s);
    }

    /** The carrier layout of a primitive type. */
    static MemoryLayout primitive(PrimitiveType p) {
        if (!p.isComplete()) {
            p.byteSize(); // throws: only API mode knows the type
        }
        if (p.kind() == PrimitiveType.Kind.FLOATING) {
            return switch ((int) p.size()) {
                case 4 -> ValueLayout.JAVA_FLOAT;
                case 8 -> ValueLayout.JAVA_DOUBLE;
                default -> throw notInAbiMode(p);
            };
        }
        if (p.kind() == PrimitiveType.Kind.COMPLEX) {
            // On the supported ABIs a complex value is passed as a struct of two floating parts.
            PrimitiveType part =
                    new PrimitiveType("part", PrimitiveType.Kind.FLOATING, true, p.size() / 2, p.alignment());
            MemoryLayout l = primitive(part);
            return MemoryLayout.structLayout(l.withName("real"), l.withName("imag"));
        }
        if (p.kind() == PrimitiveType.Kind.BOOL) {
            return ValueLayout.JAVA_BOOLEAN;
        }
        return switch ((int) p.size()) {
            case 1 -> ValueLayout.JAVA_BYTE;
            case 2 -> ValueLayout.JAVA_SHORT;
            case 4 -> ValueLayout.JAVA_INT;
            case 8 -> ValueLayout.JAVA_LONG;
            default -> throw notInAbiMode(p);
        };
    }

    private static FFIException notInAbiMode(CType t) {
        return new FFIException("'" + t + "' values cannot be passed to or returned from C by the JDK's FFM linker;"
                + " " + ApiModeOnly.API_MODE + " generates a C wrapper that can");
    }

    private static MemoryLayout struct(StructType s, boolean inMemory) {
        long size = s.byteSize();
        List<MemoryLayout> members = new ArrayList<>();
        long at = 0;
        for (Field f : s.fields()) {
            if (f.isBitfield() || f.byteOffset() < at) {
                continue; // bitfields are covered as plain bytes below
            }
            MemoryLayout m = f.type() instanceof ArrayType a && !a.hasLength()
                    ? MemoryLayout.sequenceLayout(0, of(a.element(), inMemory)) // a flexible array member
                    : of(f.type(), inMemory);
            if (inMemory && f.byteOffset() % m.byteAlignment() != 0) {
                m = m.withByteAlignment(1); // a struct member of a packed struct
            } else if (f.byteOffset() % m.byteAlignment() != 0) {
                throw new FFIException(
                        "'" + s + "' is packed (member '" + f.name() + "' is not aligned): the FFM linker"
                                + " cannot pass it by value; " + ApiModeOnly.API_MODE + " can");
            }
            gap(members, at, f.byteOffset(), inMemory);
            members.add(f.name() == null ? m : m.withName(f.name()));
            at = f.byteOffset() + m.byteSize();
        }
        gap(members, at, size, inMemory);
        return aligned(s, MemoryLayout.structLayout(members.toArray(MemoryLayout[]::new)), inMemory);
    }

    // In memory, the bytes between members may hold bitfields: plain bytes. Passed by value, a
    // struct has no bitfields (passedByValue), so they are padding, which the linker must not
    // classify: plain bytes there would make an eightbyte of 'float' and padding INTEGER, not SSE.
    private static void gap(List<MemoryLayout> members, long from, long to, boolean inMemory) {
        if (inMemory) {
            bytes(members, from, to);
        } else if (to > from) {
            members.add(MemoryLayout.paddingLayout(to - from));
        }
    }

    // The linker takes only a struct as aligned as its members: not one made more aligned by
    // __attribute__((aligned)), nor a packed one.
    private static MemoryLayout aligned(StructType s, MemoryLayout l, boolean inMemory) {
        if (!inMemory && l.byteAlignment() != s.byteAlignment()) {
            throw new FFIException("'" + s + "' has alignment " + s.byteAlignment() + " and its members "
                    + l.byteAlignment() + " (aligned or packed): the FFM linker cannot pass it by value; "
                    + ApiModeOnly.API_MODE + " can");
        }
        return l.withByteAlignment(s.byteAlignment());
    }

    // Bytes that may hold bitfields: plain bytes.
    private static void bytes(List<MemoryLayout> members, long from, long to) {
        if (to > from) {
            members.add(MemoryLayout.sequenceLayout(to - from, ValueLayout.JAVA_BYTE));
        }
    }

    // A union passed by value: the linker classifies it from all its members, as C does.
    private static MemoryLayout union(StructType u, boolean inMemory) {
        List<MemoryLayout> members = new ArrayList<>();
        for (Field f : u.fields()) {
            MemoryLayout m = f.isBitfield()
                    ? MemoryLayout.sequenceLayout((f.bitOffset() + f.bitWidth() + 7) / 8, ValueLayout.JAVA_BYTE)
                    : of(f.type(), inMemory);
            members.add(inMemory && f.name() != null && !f.isBitfield() ? m.withName(f.name()) : m);
        }
        MemoryLayout body = MemoryLayout.unionLayout(members.toArray(MemoryLayout[]::new));
        if (inMemory && body.byteSize() < u.byteSize()) {
            members.add(MemoryLayout.paddingLayout(u.byteSize())); // padded inside, so members stay reachable by name
            body = MemoryLayout.unionLayout(members.toArray(MemoryLayout[]::new));
        } else if (body.byteSize() < u.byteSize()) {
            body = MemoryLayout.structLayout(body, MemoryLayout.paddingLayout(u.byteSize() - body.byteSize()));
        }
        return aligned(u, body, inMemory);
    }
}

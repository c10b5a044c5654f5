package org.cffi4j.internal.layout;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.cffi4j.ctype.CType;
import org.cffi4j.ctype.PointerType;
import org.cffi4j.ctype.PrimitiveType;
import org.cffi4j.internal.platform.Abi;

/**
 * The types of one platform ABI the parser builds on: the primitive types by canonical C name (the
 * {@link Abi}'s table: sizes, alignments, signedness of {@code char} and {@code wchar_t}...) and
 * its pointers.
 */
public final class Primitives {
    private static final Map<String, Primitives> BY_ABI = new ConcurrentHashMap<>();

    private final Abi abi;

    private Primitives(Abi abi) {
        this.abi = abi;
    }

    /** The primitives of the platform this JVM runs on (for calls and API mode). */
    public static Primitives current() {
        return of(Abi.current());
    }

    /** The primitives of a platform. */
    public static Primitives of(Abi abi) {
        return BY_ABI.computeIfAbsent(abi.name(), n -> new Primitives(abi));
    }

    /** The platform. */
    public Abi abi() {
        return abi;
    }

    /** The primitive type with this canonical name ({@code unsigned long}, {@code size_t}...). */
    public Optional<PrimitiveType> byName(String name) {
        return Optional.ofNullable(abi.primitives().get(name));
    }

    /** The primitive type with this canonical name, which must exist in every ABI table. */
    public PrimitiveType get(String name) {
        PrimitiveType t = abi.primitives().get(name);
        if (t == null) {
            throw new IllegalStateException("ABI table " + abi.name() + " lacks '" + name + "'");
        }
        return t;
    }

    /**
     * The signed or unsigned 64-bit integer type C gives a constant too large for {@code int}:
     * {@code long} where it is 64 bits (LP64), else {@code long long} (ILP32, LLP64).
     */
    public PrimitiveType int64(boolean unsigned) {
        boolean lp64 = get("long").size() == 8;
        return get((unsigned ? "unsigned " : "") + (lp64 ? "long" : "long long"));
    }

    /** A pointer of this platform to {@code target}. */
    public PointerType pointerTo(CType target, int targetQualifiers) {
        return new PointerType(target, targetQualifiers, abi.pointerSize());
    }

    /** All primitive types, by canonical name. */
    public Map<String, PrimitiveType> all() {
        return abi.primitives();
    }
}

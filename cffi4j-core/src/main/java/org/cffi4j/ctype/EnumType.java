package org.cffi4j.ctype;

import java.util.List;
import java.util.Optional;
import org.cffi4j.FFIException;

/**
 * A C enum type. Nominal, like structs. Its values are integers of an underlying type chosen from
 * the values as gcc does ({@code unsigned int} if none is negative and all fit, {@code int} if
 * some are negative, wider types for wider values, the smallest type for a packed enum).
 */
public final class EnumType implements CType {
    private final String tag;
    private volatile String displayName;
    private volatile List<Enumerator> values;
    private volatile PrimitiveType underlying;
    private volatile boolean partial;

    private EnumType(String tag, String displayName) {
        this.tag = tag;
        this.displayName = displayName;
    }

    /**
     * A new, incomplete enum type.
     *
     * @param tag the tag, or {@code null} for an anonymous enum
     * @param anonymousName the name to print for an anonymous enum until a typedef names it
     */
    public static EnumType declare(String tag, String anonymousName) {
        return new EnumType(tag, tag != null ? "enum " + tag : anonymousName);
    }

    /** The tag, or {@code null} for an anonymous enum. */
    public String tag() {
        return tag;
    }

    /** The constants, in declaration order; empty if the enum is incomplete. */
    public List<Enumerator> values() {
        List<Enumerator> v = values;
        return v == null ? List.of() : v;
    }

    /** The constant with the given value, if any (the first one declared). */
    public Optional<Enumerator> nameOf(long value) {
        return values().stream().filter(e -> e.value() == value).findFirst();
    }

    /**
     * The integer type that holds the values.
     *
     * @throws FFIException if the enum is incomplete
     */
    public PrimitiveType underlying() {
        PrimitiveType u = underlying;
        if (u == null) {
            throw new FFIException("'" + this + "' is incomplete (declared without its constants)");
        }
        return u;
    }

    /** Whether the enum was declared with {@code ...}: some values only API mode can tell. */
    public boolean isPartial() {
        return partial;
    }

    @Override
    public long byteSize() {
        return underlying().byteSize();
    }

    @Override
    public long byteAlignment() {
        return underlying().byteAlignment();
    }

    @Override
    public boolean isComplete() {
        return underlying != null;
    }

    void complete(List<Enumerator> newValues, PrimitiveType newUnderlying, boolean isPartial) {
        values = newValues == null ? null : List.copyOf(newValues);
        underlying = newUnderlying;
        partial = isPartial;
    }

    void nameAnonymous(String typedefName) {
        if (tag == null) {
            displayName = typedefName;
        }
    }

    /** Prints the type's C name: {@code enum color}, or its typedef name. */
    @Override
    public String toString() {
        return displayName;
    }
}

package org.cffi4j.ctype;

import java.util.List;
import java.util.Optional;
import org.cffi4j.FFIException;
import org.cffi4j.internal.TypeTransaction;

/**
 * A C enum type. Nominal, like structs. Its values are integers of an underlying type chosen from
 * the values as gcc does ({@code unsigned int} if none is negative and all fit, {@code int} if
 * some are negative, wider types for wider values, the smallest type for a packed enum).
 */
public final class EnumType implements CType {
    private record Body(List<Enumerator> values, PrimitiveType underlying, boolean partial) {}

    private final String tag;
    private volatile String displayName;
    // Published by the cdef that completes the enum, once that cdef has succeeded (TypeTransaction).
    private volatile Body body;

    private EnumType(String tag, String displayName) {
        this.tag = tag;
        this.displayName = displayName;
        TypeTransaction tx = TypeTransaction.current();
        if (tx != null) {
            tx.created(this);
        }
    }

    /**
     * A new, incomplete enum type, as {@code enum tag;} declares one.
     *
     * @param tag the tag, or {@code null} for an anonymous enum
     * @param anonymousName the name to print for an anonymous enum until a typedef names it
     * @return the new type
     */
    public static EnumType declare(String tag, String anonymousName) {
        return new EnumType(tag, tag != null ? "enum " + tag : anonymousName);
    }

    /**
     * The tag ({@code color} of {@code enum color}), or {@code null} for an anonymous enum.
     *
     * @return the tag, or null
     */
    public String tag() {
        return tag;
    }

    /**
     * The constants, in declaration order; empty if the enum is incomplete.
     *
     * @return the constants with their values
     */
    public List<Enumerator> values() {
        Body b = body();
        return b == null ? List.of() : b.values;
    }

    /**
     * The constant with the given value, if any (the first one declared).
     *
     * @param value an integer value of the enum
     * @return the constant, or empty if none has this value
     */
    public Optional<Enumerator> nameOf(long value) {
        return values().stream().filter(e -> e.value() == value).findFirst();
    }

    /**
     * The integer type that holds the values, as gcc chooses it.
     *
     * @return the underlying integer type
     * @throws FFIException if the enum is incomplete
     */
    public PrimitiveType underlying() {
        Body b = body();
        if (b == null) {
            throw new FFIException("'" + this + "' is incomplete (declared without its constants)");
        }
        return b.underlying;
    }

    /**
     * Whether the enum was declared with {@code ...}: some values only API mode can tell.
     *
     * @return true if declared with {@code ...}
     */
    public boolean isPartial() {
        Body b = body();
        return b != null && b.partial;
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
        return body() != null;
    }

    // As StructType's: the published body, or the one the running cdef gave the enum.
    private Body body() {
        Body b = body;
        if (b != null) {
            return b;
        }
        TypeTransaction tx = TypeTransaction.current();
        return tx == null ? null : (Body) tx.body(this);
    }

    Object newBody(List<Enumerator> values, PrimitiveType underlying, boolean partial) {
        return new Body(List.copyOf(values), underlying, partial);
    }

    Object publishedBody() {
        return body;
    }

    void publish(Object newBody) {
        body = (Body) newBody;
    }

    void nameAnonymous(String typedefName) {
        if (tag == null) {
            displayName = typedefName;
        }
    }

    /** Prints the type's C name: {@code enum color}, or its typedef name. */
    @Override
    public String toString() {
        if (tag == null) {
            TypeTransaction tx = TypeTransaction.current();
            String pending = tx == null ? null : tx.name(this);
            if (pending != null) {
                return pending;
            }
        }
        return displayName;
    }
}

package org.cffi4j.internal.layout;

import java.util.Map;
import java.util.Optional;
import org.cffi4j.ctype.PrimitiveType;
import org.cffi4j.internal.platform.Abi;

/**
 * The primitive types of one platform ABI, by canonical C name: the {@link Abi}'s table (sizes,
 * alignments, signedness of {@code char} and {@code wchar_t}...).
 */
public final class Primitives {
    private static final Primitives CURRENT = new Primitives(Abi.current());

    private final Abi abi;

    private Primitives(Abi abi) {
        this.abi = abi;
    }

    /** The primitives of the platform this JVM runs on. */
    public static Primitives current() {
        return CURRENT;
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

    /** All primitive types, by canonical name. */
    public Map<String, PrimitiveType> all() {
        return abi.primitives();
    }
}

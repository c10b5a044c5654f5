package org.cffi4j.ctype;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.cffi4j.FFIException;
import org.cffi4j.internal.TypeAccess;
import org.cffi4j.internal.TypeTransaction;
import org.cffi4j.internal.message.ApiModeOnly;

/**
 * A C struct or union type. Nominal: two struct types are the same only if they come from the same
 * declaration, and a type declared by {@code struct foo;} is completed when a later declaration
 * gives its body. An anonymous struct is named after the first typedef that names it
 * ({@code typedef struct { int x, y; } point_t;} prints as {@code point_t}).
 */
public final class StructType implements CType {

    /** Whether the type is a struct or a union. */
    public enum Kind {
        /** {@code struct}. */
        STRUCT,
        /** {@code union}. */
        UNION;

        /**
         * The C keyword.
         *
         * @return {@code "struct"} or {@code "union"}
         */
        public String keyword() {
            return this == STRUCT ? "struct" : "union";
        }
    }

    /** How much of the type is known. */
    public enum State {
        /** Declared without a body ({@code struct foo;} or only used through pointers). */
        INCOMPLETE,
        /** Declared {@code typedef ... t;}: opaque until API mode completes it. */
        OPAQUE,
        /** Declared with {@code ...;}: the members are known, the layout only in API mode. */
        PARTIAL,
        /** Declared with a full body: members and layout known. */
        COMPLETE
    }

    private record Body(
            List<Field> fields,
            long size,
            long alignment,
            boolean partial,
            AtomicReference<Map<String, Field>> nameIndex,
            AtomicReference<Object> runtimeSlot) {
        Body(List<Field> fields, long size, long alignment, boolean partial) {
            this(fields, size, alignment, partial, new AtomicReference<>(), new AtomicReference<>());
        }

        // Every member reachable by name, those of anonymous struct/union members included (at their
        // offset in this type), so that a lookup is one hash probe however large the struct. Built on
        // the first lookup, not by cdef: most declared structs are never looked into by name.
        Map<String, Field> byName() {
            Map<String, Field> index = nameIndex.get();
            if (index == null) {
                index = index(fields);
                nameIndex.set(index);
            }
            return index;
        }

        private static Map<String, Field> index(List<Field> fields) {
            Map<String, Field> byName = new HashMap<>();
            for (Field f : fields) {
                if (f.isAnonymousMember() && f.type() instanceof StructType inner && inner.main.body() != null) {
                    for (Field g : inner.main.body().byName().values()) {
                        byName.putIfAbsent(
                                g.name(),
                                f.byteOffset() >= 0
                                        ? new Field(
                                                g.name(),
                                                g.type(),
                                                g.byteOffset() + f.byteOffset(),
                                                g.bitOffset(),
                                                g.bitWidth(),
                                                g.qualifiers() | f.qualifiers())
                                        : g);
                    }
                } else if (f.name() != null && !f.name().isEmpty()) {
                    byName.putIfAbsent(f.name(), f);
                }
            }
            return byName;
        }
    }

    static {
        TypeAccess.register(new NominalMutators());
    }

    private final Kind kind;
    private final String tag;
    private final boolean opaque;
    // The struct this one is an aligned variant of (a typedef with __attribute__((aligned(N)))), or
    // this; a variant shares its main type's body and identity, and has its own alignment and name.
    private final StructType main;
    private final long variantAlignment;
    private volatile String displayName;
    // Published by the cdef that completes the type, once that cdef has succeeded (TypeTransaction).
    private volatile Body body;

    private StructType(Kind kind, String tag, boolean opaque, String displayName) {
        this.kind = kind;
        this.tag = tag;
        this.opaque = opaque;
        this.main = this;
        this.variantAlignment = 0;
        this.displayName = displayName;
        TypeTransaction tx = TypeTransaction.current();
        if (tx != null) {
            tx.created(this);
        }
    }

    private StructType(StructType main, long alignment, String name) {
        this.kind = main.kind;
        this.tag = main.tag;
        this.opaque = main.opaque;
        this.main = main;
        this.variantAlignment = alignment;
        this.displayName = name;
    }

    /**
     * A new, incomplete struct or union type, as {@code struct tag;} declares one.
     *
     * @param kind struct or union
     * @param tag the tag, or {@code null} for an anonymous type
     * @param anonymousName the name to print for an anonymous type until a typedef names it
     * @return the new type
     */
    public static StructType declare(Kind kind, String tag, String anonymousName) {
        return new StructType(kind, tag, false, tag != null ? kind.keyword() + " " + tag : anonymousName);
    }

    /**
     * The opaque type of CFFI's {@code typedef ... name;}, completed only in API mode.
     *
     * @param typedefName the typedef's name, which the type prints as
     * @return the new type
     */
    public static StructType opaque(String typedefName) {
        return new StructType(Kind.STRUCT, null, true, typedefName);
    }

    /**
     * The type a typedef with {@code __attribute__((aligned(N)))} makes of this struct, as gcc does:
     * the same struct (equal to it, with its members and size) with alignment {@code alignment},
     * greater or smaller than its own, printed as {@code name}.
     *
     * @param alignment the alignment in bytes
     * @param name the typedef's name
     * @return the aligned variant
     */
    public StructType withAlignment(long alignment, String name) {
        return new StructType(main, alignment, name);
    }

    /**
     * Whether this is a struct or a union.
     *
     * @return the kind
     */
    public Kind kind() {
        return kind;
    }

    /**
     * The tag ({@code foo} of {@code struct foo}), or {@code null} for an anonymous type.
     *
     * @return the tag, or null
     */
    public String tag() {
        return tag;
    }

    /**
     * How much of the type is known.
     *
     * @return the state
     */
    public State state() {
        Body b = main.body();
        if (b != null) {
            return b.partial ? State.PARTIAL : State.COMPLETE;
        }
        return opaque ? State.OPAQUE : State.INCOMPLETE;
    }

    /**
     * The members in declaration order, anonymous struct/union members and unnamed bitfields
     * included.
     *
     * @return the members, with their offsets
     * @throws FFIException if the type has no body
     */
    public List<Field> fields() {
        return requireBody("has no members").fields;
    }

    /**
     * Finds a member by name, looking into anonymous struct and union members as C does. The
     * returned field's offset is from the start of this type.
     *
     * @param name the member's name
     * @return the member, or empty if there is none of this name (or the type has no body)
     */
    public Optional<Field> field(String name) {
        Body b = main.body();
        return b == null ? Optional.empty() : Optional.ofNullable(b.byName().get(name));
    }

    @Override
    public long byteSize() {
        return requireLayout().size;
    }

    @Override
    public long byteAlignment() {
        long a = requireLayout().alignment;
        return main == this ? a : variantAlignment;
    }

    @Override
    public boolean isComplete() {
        Body b = main.body();
        return b != null && !b.partial;
    }

    // The body this thread sees: the published one, or, inside the cdef that is completing the
    // type, the body that cdef gave it (published only if the cdef succeeds). A complete published
    // body never changes, so the common case is one volatile read.
    private Body body() {
        Body b = body;
        if (b != null && !b.partial) {
            return b;
        }
        TypeTransaction tx = TypeTransaction.current();
        Object pending = tx == null ? null : tx.body(this);
        return pending != null ? (Body) pending : b;
    }

    private Body requireBody(String what) {
        Body b = main.body();
        if (b != null) {
            return b;
        }
        if (opaque) {
            throw new FFIException("'" + this + "' is declared 'typedef ... " + displayName + ";': only "
                    + ApiModeOnly.API_MODE + " can complete it, so it " + what);
        }
        throw new FFIException("'" + this + "' is incomplete (declared without a body), so it " + what);
    }

    private Body requireLayout() {
        Body b = requireBody("has no known size");
        if (b.partial) {
            throw new FFIException(
                    "'" + this + "' is declared with '...': its layout is known only in " + ApiModeOnly.API_MODE);
        }
        return b;
    }

    /**
     * Equal to itself and to its aligned variants ({@link #withAlignment}): as in C, a typedef with
     * an alignment names the same struct type.
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof StructType s && s.main == main;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(main);
    }

    /** Prints the type's C name: {@code struct foo}, {@code union u}, or its typedef name. */
    @Override
    public String toString() {
        if (tag == null && main == this) {
            TypeTransaction tx = TypeTransaction.current();
            String pending = tx == null ? null : tx.name(this);
            if (pending != null) {
                return pending;
            }
        }
        return displayName;
    }

    private static final class NominalMutators implements TypeAccess.Mutators {
        @Override
        public void complete(StructType type, List<Field> fields, long size, long alignment, boolean partial) {
            StructType t = type.main;
            Body b = new Body(List.copyOf(fields), size, alignment, partial);
            TypeTransaction tx = TypeTransaction.current();
            if (tx == null || tx.isPrivate(t)) {
                t.body = b;
            } else {
                tx.complete(t, b, t.body);
            }
        }

        @Override
        public java.util.Collection<Field> namedMembers(StructType type) {
            Body b = type.main.body();
            return b == null ? List.of() : b.byName().values();
        }

        @Override
        public AtomicReference<Object> runtimeSlot(StructType type) {
            Body b = type.main.body();
            return b == null ? null : b.runtimeSlot;
        }

        @Override
        public void complete(EnumType type, List<Enumerator> values, PrimitiveType underlying, boolean partial) {
            Object b = type.newBody(values, underlying, partial);
            TypeTransaction tx = TypeTransaction.current();
            if (tx == null || tx.isPrivate(type)) {
                type.publish(b);
            } else {
                tx.complete(type, b, type.publishedBody());
            }
        }

        @Override
        public void nameAnonymous(Object nominalType, String typedefName) {
            TypeTransaction tx = TypeTransaction.current();
            if (tx != null && !tx.isPrivate(nominalType)) {
                tx.name(nominalType, typedefName);
            } else {
                publishName(nominalType, typedefName);
            }
        }

        @Override
        public Object publishedBody(Object nominalType) {
            return nominalType instanceof StructType s ? s.body : ((EnumType) nominalType).publishedBody();
        }

        @Override
        public void publishBody(Object nominalType, Object body) {
            if (nominalType instanceof StructType s) {
                s.body = (Body) body;
            } else {
                ((EnumType) nominalType).publish(body);
            }
        }

        @Override
        public void publishName(Object nominalType, String name) {
            if (nominalType instanceof StructType s && s.tag == null && !s.opaque && s.main == s) {
                s.displayName = name;
            } else if (nominalType instanceof EnumType e) {
                e.nameAnonymous(name);
            }
        }
    }
}

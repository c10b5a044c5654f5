package org.cffi4j.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cffi4j.CDefException;

/**
 * The changes one {@code cdef} (or {@code compile()}) makes to struct, union and enum types that
 * other threads can already see: completions of types declared before it ({@code struct s;} then
 * {@code struct s {...}}) and namings of older anonymous types. They are kept here, seen only by
 * the thread running the transaction (through a scoped value), and published all at once by {@link
 * #commit()}, in the order they were made; a failed cdef drops them, so no other thread ever sees a
 * body that was rolled back.
 *
 * <p>A type created during the transaction is reachable only through the transaction's own table
 * until the FFI keeps that table, so it is completed in place: parsing a header of new structs
 * costs nothing more, and their bodies are seen on the fast path.
 *
 * <p>A transaction may have a parent (a type name parsed against a table that is itself being
 * filled): it sees its parent's changes, and its own never leave it.
 */
public final class TypeTransaction {
    private static final ScopedValue<TypeTransaction> CURRENT = ScopedValue.newInstance();
    // Publications of all FFIs: two FFIs share types through include, and may complete one at once.
    private static final Object PUBLICATION = new Object();

    private final TypeTransaction parent;
    private final Set<Object> created = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<Object, Object> bodies = new IdentityHashMap<>();
    // The completed types in the order they were completed: a struct is completed after the types of
    // its members, and published after them, so a thread that sees its body sees theirs too.
    private final List<Object> completionOrder = new ArrayList<>();
    private final Map<Object, Object> replaced = new IdentityHashMap<>();
    private final Map<Object, String> names = new IdentityHashMap<>();

    /** A transaction that sees the changes of {@code parent} (null for none). */
    public TypeTransaction(TypeTransaction parent) {
        this.parent = parent;
    }

    /** The transaction running on this thread, or null. */
    public static TypeTransaction current() {
        return CURRENT.isBound() ? CURRENT.get() : null;
    }

    /** Runs {@code op} with this transaction current on this thread. */
    public <R, X extends Throwable> R run(ScopedValue.CallableOp<? extends R, X> op) throws X {
        return ScopedValue.where(CURRENT, this).call(op);
    }

    /** Notes a nominal type created inside this transaction: nobody else can see it yet. */
    public void created(Object nominalType) {
        created.add(nominalType);
    }

    /** Notes that a type created here was handed to other threads: it is no longer private. */
    public void shared(Object nominalType) {
        created.remove(nominalType);
    }

    /** Whether a type was created in this transaction and not shared: it may be changed in place. */
    public boolean isPrivate(Object nominalType) {
        return created.contains(nominalType);
    }

    /** Records a new body for a type others can see; {@code published} is the body they see now. */
    public void complete(Object nominalType, Object body, Object published) {
        if (!replaced.containsKey(nominalType)) {
            replaced.put(nominalType, published);
            completionOrder.add(nominalType);
        }
        bodies.put(nominalType, body);
    }

    /** The body this transaction (or its parent) gave a type, or null. */
    public Object body(Object nominalType) {
        for (TypeTransaction t = this; t != null; t = t.parent) {
            Object b = t.bodies.get(nominalType);
            if (b != null) {
                return b;
            }
        }
        return null;
    }

    /** Records a typedef's name for an anonymous type others can see. */
    public void name(Object nominalType, String name) {
        names.put(nominalType, name);
    }

    /** The name this transaction (or its parent) gave a type, or null. */
    public String name(Object nominalType) {
        for (TypeTransaction t = this; t != null; t = t.parent) {
            String n = t.names.get(nominalType);
            if (n != null) {
                return n;
            }
        }
        return null;
    }

    /**
     * Publishes every recorded change at once. Each completed type must still show the body it
     * showed when this transaction completed it: otherwise another FFI sharing the type (through
     * include) completed it meanwhile, and nothing is published.
     *
     * @throws CDefException if another FFI completed one of the types meanwhile
     */
    public void commit() {
        TypeAccess.Mutators m = TypeAccess.mutators();
        synchronized (PUBLICATION) {
            for (var e : replaced.entrySet()) {
                if (m.publishedBody(e.getKey()) != e.getValue()) {
                    throw new CDefException(
                            "cdef: '" + e.getKey() + "' was completed by another FFI (which shares it through"
                                    + " include) while this cdef ran; nothing of this cdef was kept",
                            "cdef",
                            0,
                            0);
                }
            }
            for (Object type : completionOrder) {
                m.publishBody(type, bodies.get(type));
            }
            names.forEach(m::publishName);
        }
        discard();
    }

    /** Drops every recorded change (a failed cdef). */
    public void discard() {
        bodies.clear();
        replaced.clear();
        completionOrder.clear();
        names.clear();
        created.clear();
    }
}

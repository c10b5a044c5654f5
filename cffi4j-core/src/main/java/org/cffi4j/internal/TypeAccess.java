package org.cffi4j.internal;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.cffi4j.ctype.EnumType;
import org.cffi4j.ctype.Enumerator;
import org.cffi4j.ctype.Field;
import org.cffi4j.ctype.PrimitiveType;
import org.cffi4j.ctype.StructType;

/**
 * The internal door to the mutations of the nominal types: completing a struct, union or enum
 * once its body is declared, and naming an anonymous one after a typedef. The exported type model
 * offers no public mutator; it registers an implementation here when its classes load.
 *
 * <p>While a {@link TypeTransaction} is running on the current thread (a {@code cdef} or a {@code
 * compile()}), the mutators do not touch a type that other threads can see: they record the change
 * in the transaction, which publishes it when it commits.
 */
public final class TypeAccess {
    /** The mutations of the nominal types, implemented inside {@code org.cffi4j.ctype}. */
    public interface Mutators {
        /** Gives an incomplete struct or union its members and layout. */
        void complete(StructType type, List<Field> fields, long size, long alignment, boolean partial);

        /**
         * A slot the runtime may fill with what it derives from a complete struct or union (its member
         * accessors), kept with the body; null while the type has no body.
         */
        AtomicReference<Object> runtimeSlot(StructType type);

        /**
         * Every member reachable by name in a complete struct or union, those of anonymous struct
         * and union members included at their offset in this type (as {@code field(name)} finds
         * them); empty while the type has no body.
         */
        Collection<Field> namedMembers(StructType type);

        /** Gives an incomplete enum its constants and underlying integer type. */
        void complete(EnumType type, List<Enumerator> values, PrimitiveType underlying, boolean partial);

        /** Names an anonymous struct, union or enum after the first typedef that names it. */
        void nameAnonymous(Object nominalType, String typedefName);

        /** The body a struct, union or enum shows to every thread (null while it has none). */
        Object publishedBody(Object nominalType);

        /** Makes a body recorded by a transaction the one every thread sees. */
        void publishBody(Object nominalType, Object body);

        /** Makes a name recorded by a transaction the one every thread sees. */
        void publishName(Object nominalType, String name);
    }

    private static volatile Mutators mutators;

    private TypeAccess() {}

    /** Called once by the type model. */
    public static void register(Mutators m) {
        mutators = m;
    }

    /** The mutators, loading the type model first if needed. */
    public static Mutators mutators() {
        if (mutators == null) {
            try {
                Class.forName(StructType.class.getName(), true, StructType.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        return mutators;
    }
}

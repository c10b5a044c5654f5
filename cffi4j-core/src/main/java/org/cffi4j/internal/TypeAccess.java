package org.cffi4j.internal;

import java.util.List;
import org.cffi4j.ctype.EnumType;
import org.cffi4j.ctype.Enumerator;
import org.cffi4j.ctype.Field;
import org.cffi4j.ctype.PrimitiveType;
import org.cffi4j.ctype.StructType;

/**
 * The internal door to the mutations of the nominal types: completing a struct, union or enum
 * once its body is declared, and undoing that when a {@code cdef} fails. The exported type model
 * offers no public mutator; it registers an implementation here when its classes load.
 */
public final class TypeAccess {
    /** The mutations of the nominal types, implemented inside {@code org.cffi4j.ctype}. */
    public interface Mutators {
        /** Gives an incomplete struct or union its members and layout. */
        void complete(StructType type, List<Field> fields, long size, long alignment, boolean partial);

        /** Makes a struct or union incomplete again (a failed cdef is rolled back). */
        void uncomplete(StructType type);

        /**
         * A slot the runtime may fill with what it derives from a complete struct or union (its member
         * accessors), dropped with the body when the type is completed again or rolled back; null
         * while the type has no body.
         */
        java.util.concurrent.atomic.AtomicReference<Object> runtimeSlot(StructType type);

        /**
         * Every member reachable by name in a complete struct or union, those of anonymous struct
         * and union members included at their offset in this type (as {@code field(name)} finds
         * them); empty while the type has no body.
         */
        java.util.Collection<Field> namedMembers(StructType type);

        /** Gives an incomplete enum its constants and underlying integer type. */
        void complete(EnumType type, List<Enumerator> values, PrimitiveType underlying, boolean partial);

        /** Makes an enum incomplete again (a failed cdef is rolled back). */
        void uncomplete(EnumType type);

        /** Names an anonymous struct, union or enum after the first typedef that names it. */
        void nameAnonymous(Object nominalType, String typedefName);
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
            StructType.class.getName(); // forces nothing by itself; the line below loads the class
            try {
                Class.forName(StructType.class.getName(), true, StructType.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        return mutators;
    }
}

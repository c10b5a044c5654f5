package org.cffi4j.internal.memory;

import java.lang.foreign.MemorySegment;
import org.cffi4j.CData;
import org.cffi4j.ctype.CType;

/** The internal door to {@link CData}'s constructor and state, registered by CData itself. */
public final class CDataAccess {
    /** What the runtime needs of CData beyond its public API. */
    public interface Door {
        /** A cdata of {@code type} over {@code memory}, kept alive and checked by {@code lifetime}. */
        CData create(CType type, MemorySegment memory, Lifetime lifetime);

        /** The memory a cdata designates (for a pointer, the memory it points to). */
        MemorySegment memory(CData c);

        /** The lifetime of a cdata's memory. */
        Lifetime lifetime(CData c);
    }

    private static volatile Door door;

    private CDataAccess() {}

    /** Called once by CData. */
    public static void register(Door d) {
        door = d;
    }

    /** The door, loading CData first if needed. */
    public static Door door() {
        if (door == null) {
            try {
                Class.forName(CData.class.getName(), true, CData.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        return door;
    }
}

package org.cffi4j.internal.decl;

import java.util.function.Function;
import org.cffi4j.FFI;

/**
 * The internal door to an {@link FFI}'s declarations, registered by FFI itself: the build-time
 * generator reads what a cdef declared from here, the same table the runtime reads.
 */
public final class FfiTables {
    private static volatile Function<FFI, DeclarationTable> door;

    private FfiTables() {}

    /** Called once by FFI. */
    public static void register(Function<FFI, DeclarationTable> d) {
        door = d;
    }

    /** The declarations of {@code ffi} as its last cdef or compile left them. */
    public static DeclarationTable of(FFI ffi) {
        return door.apply(ffi); // set: the FFI argument's class is initialised
    }
}

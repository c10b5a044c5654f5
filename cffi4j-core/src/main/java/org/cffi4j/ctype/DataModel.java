package org.cffi4j.ctype;

import java.lang.foreign.ValueLayout;

/**
 * The pointer size of the running platform: what a {@link PointerType} made without a size has (a
 * pointer of another platform, made by the parser of an FFI of that platform, carries its own).
 *
 * @param pointerSize the size and alignment of a data or function pointer, in bytes
 */
public record DataModel(long pointerSize) {
    private static final DataModel CURRENT = new DataModel(ValueLayout.ADDRESS.byteSize());

    /**
     * The data model of the running JVM's platform.
     *
     * @return the data model
     */
    public static DataModel current() {
        return CURRENT;
    }
}

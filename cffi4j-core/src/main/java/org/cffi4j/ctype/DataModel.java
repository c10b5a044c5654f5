package org.cffi4j.ctype;

import org.cffi4j.internal.platform.Abi;

/**
 * The pointer size of the platform: the one platform fact the type model needs (the others, read by
 * the parser and the layout engine, are in the same platform description).
 *
 * @param pointerSize the size and alignment of a data or function pointer, in bytes
 */
public record DataModel(long pointerSize) {
    private static final DataModel CURRENT = new DataModel(Abi.current().pointerSize());

    /**
     * The data model of the running JVM's platform.
     *
     * @return the data model
     */
    public static DataModel current() {
        return CURRENT;
    }
}

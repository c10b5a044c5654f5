package org.cffi4j.internal.convert;

import java.lang.foreign.MemorySegment;
import org.cffi4j.CData;
import org.cffi4j.FFIException;
import org.cffi4j.ctype.StructType;
import org.cffi4j.internal.memory.CDataAccess;

/**
 * A struct or union passed to C by value: a cdata of exactly its type passes its memory (checked
 * alive, and copied if another thread may free it before the linker reads it).
 */
public final class StructArguments {
    private StructArguments() {}

    /** Whether {@code value} is a cdata of exactly the type {@code s}, which passes its own memory. */
    static boolean isCDataOf(StructType s, Object value) {
        return value instanceof CData c && c.ctype().equals(s);
    }

    /** The memory a cdata of type {@code s} passes, safe for the linker to copy during the call. */
    static MemorySegment memoryOf(StructType s, CData c, String where) {
        return CDataAccess.door()
                .lifetime(c)
                .valueMemory(c, where, CDataAccess.door().memory(c), s.byteAlignment());
    }

    /** What a bound method's argument passes as {@code s}: only a cdata of that type is taken. */
    public static MemorySegment cdataOnly(StructType s, String where, CData c) {
        if (!isCDataOf(s, c)) {
            throw new FFIException("cannot pass " + (c == null ? "null" : "a cdata of type '" + c.ctype() + "'")
                    + " as '" + s + "' (" + where + ")");
        }
        return memoryOf(s, c, where);
    }
}

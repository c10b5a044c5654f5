package org.cffi4j.ctype;

import org.cffi4j.FFIException;

/**
 * A C array type, {@code T[N]}; {@code T[]} has length {@link #UNKNOWN_LENGTH}, and CFFI's
 * {@code T[...]} (a length only the C compiler knows) has length {@link #API_MODE_LENGTH}.
 *
 * @param element the element type
 * @param length the number of elements, or one of the two negative markers
 */
public record ArrayType(CType element, long length) implements CType {
    /** The length of {@code T[]}: an open array (a flexible array member, a parameter). */
    public static final long UNKNOWN_LENGTH = -1;
    /** The length of {@code T[...]}: filled in by the C compiler in API mode. */
    public static final long API_MODE_LENGTH = -2;

    @Override
    public long byteSize() {
        if (length == API_MODE_LENGTH) {
            throw new FFIException("'" + this + "' has a length only API mode (ffi.setSource + ffi.compile) can tell");
        }
        if (length < 0) {
            throw new FFIException("'" + this + "' has no size: its length is not known");
        }
        return Math.multiplyExact(element.byteSize(), length);
    }

    @Override
    public long byteAlignment() {
        return element.byteAlignment();
    }

    @Override
    public boolean isComplete() {
        return length >= 0 && element.isComplete();
    }

    /** Whether the length is known ({@code T[N]}, not {@code T[]} or {@code T[...]}). */
    public boolean hasLength() {
        return length >= 0;
    }

    @Override
    public String toString() {
        return CPrinter.declare(this, "");
    }
}

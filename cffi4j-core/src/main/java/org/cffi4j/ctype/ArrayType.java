package org.cffi4j.ctype;

import org.cffi4j.FFIException;
import org.cffi4j.internal.message.ApiModeOnly;

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

    // The methods below walk nested arrays in loops: typedefs can nest arrays 100,000 deep.

    @Override
    public long byteSize() {
        boolean empty = false;
        CType t = this;
        for (; t instanceof ArrayType a; t = a.element) {
            if (a.length == API_MODE_LENGTH) {
                throw new FFIException("'" + a + "' has a length only " + ApiModeOnly.API_MODE + " can tell");
            }
            if (a.length < 0) {
                throw new FFIException("'" + a + "' has no size: its length is not known");
            }
            empty |= a.length == 0;
        }
        long size = t.byteSize();
        if (empty) {
            return 0;
        }
        try {
            for (t = this; t instanceof ArrayType a; t = a.element) {
                size = Math.multiplyExact(size, a.length);
            }
            return size;
        } catch (ArithmeticException e) {
            throw new FFIException("'" + this + "' is too large: its size overflows", e);
        }
    }

    @Override
    public long byteAlignment() {
        CType t = element;
        while (t instanceof ArrayType a) {
            t = a.element;
        }
        return t.byteAlignment();
    }

    @Override
    public boolean isComplete() {
        CType t = this;
        for (; t instanceof ArrayType a; t = a.element) {
            if (a.length < 0) {
                return false;
            }
        }
        return t.isComplete();
    }

    /**
     * Whether the length is known ({@code T[N]}, not {@code T[]} or {@code T[...]}).
     *
     * @return true for {@code T[N]}
     */
    public boolean hasLength() {
        return length >= 0;
    }

    @Override
    public String toString() {
        return CPrinter.abbreviated(this, "");
    }
}

package org.cffi4j.ctype;

import org.cffi4j.FFIException;
import org.cffi4j.internal.message.ApiModeOnly;

/**
 * A C arithmetic type: an integer, character, boolean, floating or complex type, with the size
 * and alignment of the platform. The name is the canonical C spelling ({@code unsigned long},
 * {@code size_t}, {@code _Bool}); the predefined {@code <stdint.h>} and {@code <stddef.h>} names
 * keep their own name, as in CFFI.
 *
 * @param name the canonical C name
 * @param kind what family of values the type holds
 * @param signed whether an integer or character type is signed
 * @param size the size in bytes, or -1 when only API mode can tell ({@code typedef int... t})
 * @param alignment the alignment in bytes, or -1 when only API mode can tell
 */
public record PrimitiveType(String name, Kind kind, boolean signed, long size, long alignment) implements CType {

    /** The family of values a primitive type holds. */
    public enum Kind {
        /** {@code _Bool}. */
        BOOL,
        /** Plain {@code char}: a byte that is a character. */
        CHAR,
        /** {@code wchar_t}, {@code char16_t}, {@code char32_t}: a character code unit. */
        WIDE_CHAR,
        /** An integer type ({@code signed char} and {@code unsigned char} included). */
        INTEGER,
        /** {@code float}, {@code double}, {@code long double}, {@code _Float128}... */
        FLOATING,
        /** {@code float _Complex}, {@code double _Complex}, {@code long double _Complex}. */
        COMPLEX,
        /** {@code typedef int... t}: an integer type whose size only the C compiler knows. */
        UNKNOWN_INTEGER,
        /** {@code typedef float... t}: a floating type only the C compiler knows. */
        UNKNOWN_FLOATING
    }

    @Override
    public long byteSize() {
        if (size < 0) {
            throw new FFIException("'" + name + "' is declared as '" + placeholder() + "': only " + ApiModeOnly.API_MODE
                    + " can tell its size");
        }
        return size;
    }

    @Override
    public long byteAlignment() {
        if (alignment < 0) {
            byteSize();
        }
        return alignment;
    }

    @Override
    public boolean isComplete() {
        return size >= 0;
    }

    /**
     * Whether values of this type are integers (characters and {@code _Bool} included).
     *
     * @return true for integer, character and boolean types
     */
    public boolean isIntegral() {
        return kind == Kind.INTEGER
                || kind == Kind.CHAR
                || kind == Kind.WIDE_CHAR
                || kind == Kind.BOOL
                || kind == Kind.UNKNOWN_INTEGER;
    }

    /**
     * A copy of this type with another alignment ({@code __attribute__((aligned(N)))}).
     *
     * @param newAlignment the alignment in bytes
     * @return the aligned type, with the same name
     */
    public PrimitiveType withAlignment(long newAlignment) {
        return new PrimitiveType(name, kind, signed, size, newAlignment);
    }

    private String placeholder() {
        return kind == Kind.UNKNOWN_FLOATING ? "typedef float... " + name : "typedef int... " + name;
    }

    @Override
    public String toString() {
        return name;
    }
}

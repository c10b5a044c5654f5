package org.cffi4j.internal.convert;

import java.lang.foreign.MemorySegment;
import org.cffi4j.ctype.CType;
import org.cffi4j.ctype.EnumType;
import org.cffi4j.ctype.PrimitiveType;

/**
 * Java Strings as C wide strings: UTF-16 code units for a 2-byte {@code char16_t} (or a 2-byte
 * {@code wchar_t}), UTF-32 code points for a 4-byte {@code char32_t} or {@code wchar_t} (4 bytes on
 * Linux), in the machine's byte order, as C's {@code u""}, {@code U""} and {@code L""} literals.
 */
public final class WideStrings {
    private WideStrings() {}

    /** The size of a wide character type's code unit (2 or 4), or 0 if {@code t} is not one. */
    public static int unit(CType t) {
        CType u = t instanceof EnumType e ? e.underlying() : t;
        return u instanceof PrimitiveType p
                        && p.kind() == PrimitiveType.Kind.WIDE_CHAR
                        && (p.size() == 2 || p.size() == 4)
                ? (int) p.size()
                : 0;
    }

    /** The number of code units of {@code s}, without a terminator. */
    public static long length(String s, int unit) {
        return unit == 2 ? s.length() : s.codePointCount(0, s.length());
    }

    /** The code units of {@code s} (no terminator), in a heap segment. */
    public static MemorySegment encode(String s, int unit) {
        return unit == 2
                ? MemorySegment.ofArray(s.toCharArray())
                : MemorySegment.ofArray(s.codePoints().toArray());
    }
}

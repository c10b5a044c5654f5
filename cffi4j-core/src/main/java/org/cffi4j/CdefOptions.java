package org.cffi4j;

/**
 * Options of one {@link FFI#cdef(String, CdefOptions)} call. Combine them with {@link
 * #and(CdefOptions)}: {@code CdefOptions.pack(4).and(CdefOptions.override())}.
 *
 * @param allPacked every struct and union of this cdef is packed, as with
 *     {@code __attribute__((packed))}
 * @param maxPack the maximum member alignment for this cdef, as with {@code #pragma pack(N)}; 0
 *     for none
 * @param allowOverride a declaration may replace an earlier, different one of the same name
 */
public record CdefOptions(boolean allPacked, int maxPack, boolean allowOverride) {

    /**
     * Checks the options are consistent, as gcc refuses a {@code #pragma pack} that is not a power of
     * two.
     *
     * @throws FFIException if {@code maxPack} is neither 0 nor a power of two, or both
     *     {@code allPacked} and {@code maxPack} are given
     */
    public CdefOptions {
        if (maxPack != 0 && (maxPack < 0 || Integer.bitCount(maxPack) != 1)) {
            throw new FFIException("pack(" + maxPack + "): the packing must be a power of two (1, 2, 4, 8, 16...)");
        }
        if (allPacked && maxPack != 0) {
            throw new FFIException("packed() and pack(" + maxPack + ") cannot be combined: choose one");
        }
    }

    /**
     * No option: the defaults of C.
     *
     * @return the default options
     */
    public static CdefOptions defaults() {
        return new CdefOptions(false, 0, false);
    }

    /**
     * Every struct and union of the cdef is packed (no padding), as {@code __attribute__((packed))}.
     *
     * {@snippet :
     * ffi.cdef("struct wire { char tag; int value; };", CdefOptions.packed());
     * ffi.sizeof("struct wire");   // 5
     * }
     *
     * @return the options
     */
    public static CdefOptions packed() {
        return new CdefOptions(true, 0, false);
    }

    /**
     * Members are aligned to at most {@code n} bytes, as {@code #pragma pack(n)}.
     *
     * @param n the largest alignment, a power of two
     * @return the options
     * @throws FFIException if {@code n} is not a power of two
     */
    public static CdefOptions pack(int n) {
        return new CdefOptions(false, n, false);
    }

    /**
     * Later declarations may replace earlier, different ones of the same name.
     *
     * @return the options
     */
    public static CdefOptions override() {
        return new CdefOptions(false, 0, true);
    }

    /**
     * These options together with {@code other}'s.
     *
     * {@snippet :
     * CdefOptions options = CdefOptions.pack(4).and(CdefOptions.override());
     * }
     *
     * @param other the options to add
     * @return the combined options
     * @throws FFIException if {@code other} is null, or one of the options is {@link #packed()} and
     *     the other {@link #pack(int)}
     */
    public CdefOptions and(CdefOptions other) {
        if (other == null) {
            throw new FFIException("CdefOptions.and needs other options (CdefOptions.defaults()), not null");
        }
        return new CdefOptions(
                allPacked || other.allPacked, Math.max(maxPack, other.maxPack), allowOverride || other.allowOverride);
    }
}

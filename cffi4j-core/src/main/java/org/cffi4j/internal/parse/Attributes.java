package org.cffi4j.internal.parse;

/**
 * The GNU attributes (and {@code _Alignas}) that matter for layout, gathered from every position
 * where they may appear; all others are ignored, as a compiler would for ABI purposes.
 */
final class Attributes {
    boolean packed;
    /** The largest {@code aligned(N)} / {@code _Alignas(N)}; 0 if none. */
    long aligned;
    /** The machine mode of {@code mode(...)}, e.g. {@code DI}; null if none. */
    String mode;

    boolean transparentUnion;
    /** The size of {@code vector_size(N)}, 0 if none; {@link #vectorAt} is where it was written. */
    long vectorSize;

    Token vectorAt;

    void merge(Attributes other) {
        packed |= other.packed;
        aligned = Math.max(aligned, other.aligned);
        if (other.mode != null) {
            mode = other.mode;
        }
        transparentUnion |= other.transparentUnion;
        if (other.vectorSize != 0) {
            vectorSize = other.vectorSize;
            vectorAt = other.vectorAt;
        }
    }
}

package org.cffi4j;

/**
 * Options of {@link Library#bind(Class, BindOption...)} for the typed methods of a bound interface
 * (methods on the generic path, with boxed or Object types, are not affected).
 */
public enum BindOption {
    /**
     * The bound calls do not capture errno, so {@link FFI#errno()} does not see them; this saves the
     * capture (FFM's own, 2-5 ns per call on x86-64) and makes the call as fast as a raw FFM downcall. For
     * functions whose errno is not needed.
     */
    NO_ERRNO,

    /**
     * The functions neither block nor call back into Java (FFM's {@code Linker.Option.critical}):
     * the JVM skips the thread-state transitions around the call, which makes short calls several
     * times faster. A function bound this way must return quickly, must not call a callback, and
     * errno is not captured. Calling back into Java from such a call is undefined behaviour.
     */
    CRITICAL
}

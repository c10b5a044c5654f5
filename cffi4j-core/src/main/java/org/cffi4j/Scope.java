package org.cffi4j;

import java.util.ArrayList;
import java.util.List;

/**
 * A deterministic lifetime for native memory: everything allocated through the scope is freed when
 * it closes, and any later use of it is a Java exception.
 *
 * <pre>{@code
 * try (Scope scope = ffi.scope()) {
 *     CData buf = scope.alloc("char[]", 256);
 *     lib.call("snprintf", buf, 256L, "%d", 42);
 * }   // buf is freed here
 * }</pre>
 */
public final class Scope implements AutoCloseable {
    private final FFI ffi;
    private final List<CData> owned = new ArrayList<>();
    private boolean closed;

    Scope(FFI ffi) {
        this.ffi = ffi;
    }

    /** {@link FFI#alloc(String)} whose memory this scope frees at close. */
    public synchronized CData alloc(String ctype) {
        return alloc(ctype, null);
    }

    /** {@link FFI#alloc(String, Object)} whose memory this scope frees at close. */
    public synchronized CData alloc(String ctype, Object init) {
        if (closed) {
            throw new FFIException("this scope is closed");
        }
        CData c = init == null ? ffi.alloc(ctype) : ffi.alloc(ctype, init);
        owned.add(c);
        return c;
    }

    /**
     * {@link FFI#callback(String, Object)} whose upcall stub this scope frees at close: C must not
     * call it after that.
     */
    public synchronized CData callback(String fnPtrType, Object javaFunction) {
        if (closed) {
            throw new FFIException("this scope is closed");
        }
        CData c = ffi.callback(fnPtrType, javaFunction);
        owned.add(c);
        return c;
    }

    /** Frees everything allocated through this scope. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            owned.forEach(ffi::release);
            owned.clear();
        }
    }
}

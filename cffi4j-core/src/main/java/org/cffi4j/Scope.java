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

    /**
     * Makes this scope release {@code cdata} at close: a cdata that owns its memory, e.g. one of an
     * {@link Allocator} or of {@link FFI#gc}. Returns it.
     *
     * @throws FFIException if the scope is closed (the cdata is released then), or the cdata owns
     *     nothing
     */
    public synchronized CData own(CData cdata) {
        if (cdata == null || !cdata.lifetime().isOwning()) {
            throw new FFIException("scope.own needs a cdata that owns its memory (from ffi.alloc, an Allocator or"
                    + " ffi.gc), not " + cdata);
        }
        if (closed) {
            ffi.release(cdata);
            throw new FFIException("this scope is closed");
        }
        owned.add(cdata);
        return cdata;
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

package org.cffi4j;

import java.util.ArrayList;
import java.util.List;

/**
 * A deterministic lifetime for native memory: everything allocated through the scope is freed when
 * it closes, and any later use of it is a Java exception.
 *
 * {@snippet :
 * try (Scope scope = ffi.scope()) {
 *     CData buf = scope.alloc("char[]", 256);
 *     lib.call("snprintf", buf, 256L, "%d", 42);
 * }   // buf is freed here
 * }
 */
public final class Scope implements AutoCloseable {
    private final FFI ffi;
    private final List<CData> owned = new ArrayList<>();
    private boolean closed;

    Scope(FFI ffi) {
        this.ffi = ffi;
    }

    /**
     * {@link FFI#alloc(String)} whose memory this scope frees at close, as C frees a local at the end
     * of its block.
     *
     * @param ctype a pointer or array type name
     * @return the new cdata, zero-filled
     * @throws CDefException if the type name cannot be parsed
     * @throws FFIException if the scope is closed, or the type cannot be allocated (as for
     *     {@link FFI#alloc(String)})
     */
    public synchronized CData alloc(String ctype) {
        return alloc(ctype, null);
    }

    /**
     * {@link FFI#alloc(String, Object)} whose memory this scope frees at close.
     *
     * {@snippet :
     * try (Scope scope = ffi.scope()) {
     *     CData xs = scope.alloc("int[]", new int[] {3, 1, 2});
     *     // ... pass xs to C
     * }   // xs is freed here
     * }
     *
     * @param ctype a pointer or array type name
     * @param init the initial value, as for {@link FFI#alloc(String, Object)}
     * @return the new cdata
     * @throws CDefException if the type name cannot be parsed
     * @throws FFIException if the scope is closed, the type cannot be allocated or the initialiser does
     *     not convert
     */
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
     *
     * @param fnPtrType a function pointer type name
     * @param javaFunction the Java function, as for {@link FFI#callback(String, Object)}
     * @return the function pointer
     * @throws CDefException if the type name cannot be parsed
     * @throws FFIException if the scope is closed, or the Java function does not match the type
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
     * {@snippet :
     * try (Scope scope = ffi.scope()) {
     *     CData block = scope.own(mallocs.alloc("char[]", 4096));   // free()d at the end of the block
     * }
     * }
     *
     * @param cdata the cdata to release at close
     * @return {@code cdata}
     * @throws FFIException if the scope is closed (the cdata is released then), or the cdata is null or
     *     owns nothing
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

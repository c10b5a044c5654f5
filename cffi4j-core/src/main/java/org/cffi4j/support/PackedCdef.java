package org.cffi4j.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.cffi4j.FFI;
import org.cffi4j.FFIException;

/**
 * The cdef packed with a generated binding (the resource {@code
 * META-INF/cffi4j/cdef/<binding class name>.cdef}), behind the binding's {@code ffi()}: an {@link
 * FFI} with the same declarations, for what the runtime offers beyond the generated class (cdata,
 * casts, strings, {@code ffi.layout}). It is parsed on the first {@code ffi()} only. In API mode,
 * what the cdef left open with {@code ...} stays open in it.
 */
public final class PackedCdef {
    private final Class<?> binding;
    private FFI ffi;

    private PackedCdef(Class<?> binding) {
        this.binding = binding;
    }

    /**
     * The packed cdef of a binding; nothing is read yet.
     *
     * @param binding the generated class
     * @return its packed cdef
     */
    public static PackedCdef of(Class<?> binding) {
        return new PackedCdef(binding);
    }

    /**
     * The FFI of the binding's declarations, the same one on every call.
     *
     * @return the FFI
     * @throws FFIException if the resource is missing (the generated resources were not packed)
     */
    public synchronized FFI ffi() {
        if (ffi == null) {
            ffi = read();
        }
        return ffi;
    }

    private FFI read() {
        String resource = "/META-INF/cffi4j/cdef/" + binding.getName() + ".cdef";
        try (InputStream in = binding.getResourceAsStream(resource)) {
            if (in == null) {
                throw new FFIException(binding.getName() + ".ffi() needs the resource " + resource
                        + ", which the generator wrote beside the class: pack the generated resources with it");
            }
            FFI f = new FFI();
            f.cdef(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return f;
        } catch (IOException e) {
            throw new FFIException("cannot read " + resource + ": " + e.getMessage(), e);
        }
    }
}

package org.cffi4j.callbacks;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.cffi4j.FFI;
import org.cffi4j.testing.GccProbe;

/**
 * FFIs declared from real system headers ({@code cc -E} output given as-is to cdef), so that the
 * callbacks get the function pointer types C programs use. Preprocessed once per list of headers.
 */
final class Headers {
    private static final Map<String, String> PREPROCESSED = new ConcurrentHashMap<>();

    private Headers() {}

    /** A new FFI with the declarations of {@code headers}, with {@code _GNU_SOURCE} (for qsort_r). */
    static FFI ffi(String... headers) {
        String source = "#define _GNU_SOURCE\n"
                + Arrays.stream(headers).map(h -> "#include <" + h + ">\n").collect(Collectors.joining());
        FFI ffi = new FFI();
        ffi.cdef(PREPROCESSED.computeIfAbsent(source, GccProbe::preprocess));
        return ffi;
    }
}

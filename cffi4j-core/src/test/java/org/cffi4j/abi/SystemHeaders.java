package org.cffi4j.abi;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.cffi4j.FFI;
import org.cffi4j.testing.GccProbe;

/**
 * FFIs declared from the real system headers: the {@code cc -E} output of the headers, given as-is
 * to one cdef, so that the calls of these tests go through the declarations C programs use. The
 * preprocessed text is computed once per list of headers.
 */
final class SystemHeaders {
    private static final Map<String, String> PREPROCESSED = new ConcurrentHashMap<>();

    private SystemHeaders() {}

    /** A new FFI with the declarations of {@code headers}, e.g. {@code ffi("stdlib.h", "string.h")}. */
    static FFI ffi(String... headers) {
        String source =
                Arrays.stream(headers).map(h -> "#include <" + h + ">\n").collect(Collectors.joining());
        FFI ffi = new FFI();
        ffi.cdef(PREPROCESSED.computeIfAbsent(source, s -> GccProbe.preprocess(s)));
        return ffi;
    }
}

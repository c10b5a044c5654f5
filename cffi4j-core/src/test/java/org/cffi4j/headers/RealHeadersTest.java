package org.cffi4j.headers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.cffi4j.FFI;
import org.cffi4j.testing.GccProbe;
import org.cffi4j.testing.LayoutProbe;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code gcc -E} output of real system headers parses as-is in one cdef call, and for every
 * struct, union and typedef in it, sizeof, alignof, every member's offset and every bitfield's
 * position agree with what gcc computes (gcc is the oracle: a probe compiled against the same
 * header prints them).
 */
class RealHeadersTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "stdio.h",
                "stdlib.h",
                "string.h",
                "math.h",
                "time.h",
                "signal.h",
                "pthread.h",
                "sys/socket.h",
                "sys/stat.h",
                "netinet/in.h",
                "dirent.h",
                "zlib.h",
                "sqlite3.h",
                "png.h",
                "ffi.h",
                "openssl/evp.h",
                "openssl/ssl.h",
                "curl/curl.h"
            })
    void layoutsAgreeWithGcc(String header) {
        String include = "#include <" + header + ">";
        FFI ffi = new FFI();
        ffi.cdef(GccProbe.preprocess(include));

        LayoutProbe probe = new LayoutProbe(ffi);
        int types = 0;
        for (String name : ffi.listTypes()) {
            types += probe.addType(name) ? 1 : 0;
        }
        Map<String, Long> gcc = LayoutProbe.parseOutput(GccProbe.compileAndRun(probe.program(include)));

        List<String> differences = probe.differences(gcc);
        assertEquals(List.of(), differences, header + ": layouts differ from gcc's");
        assertTrue(types >= 3, header + ": expected several complete types, found " + types);
        assertEquals(probe.expected().size(), gcc.size(), header + ": gcc printed a different number of facts");
    }
}

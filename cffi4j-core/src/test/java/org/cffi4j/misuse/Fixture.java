package org.cffi4j.misuse;

import org.cffi4j.FFI;
import org.cffi4j.Library;

/**
 * What a misuse case starts from: a fresh FFI with the declarations below and the C runtime loaded
 * through it. Each case gets its own fixture, so a case that closes the library or adds
 * declarations cannot influence the next one.
 */
final class Fixture {
    static final String CDEF = """
            size_t strlen(const char *s);
            size_t strnlen(const char *s, size_t maxlen);
            int abs(int j);
            long long llabs(long long j);
            int snprintf(char *str, size_t size, const char *format, ...);
            struct tm;
            long mktime(struct tm *tm);
            extern const int optind;              /* declared const here: cffi4j must refuse to assign it */
            struct in_addr { uint32_t s_addr; };
            char *inet_ntoa(struct in_addr in);
            typedef struct point { int x, y; } point_t;
            struct line { struct point from, to; struct point *ref; int tags[4]; };
            struct widths { char c; short s; int i; unsigned int u; long long ll; size_t z; _Bool b; };
            struct opaque;
            struct partial { int x; ...; };
            static inline int twice(int x) { return 2 * x; }
            void qsort(void *base, size_t n, size_t size, int (*compare)(const void *, const void *));
            """;

    final FFI ffi = new FFI();
    final Library libc;

    Fixture() {
        ffi.cdef(CDEF);
        libc = ffi.dlopen(null);
    }
}

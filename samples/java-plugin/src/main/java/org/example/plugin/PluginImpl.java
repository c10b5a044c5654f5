package org.example.plugin;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Java side of libplugin.so: each public static method implements the C function of the same
 * name in src/main/cffi/plugin.cdef.
 */
public final class PluginImpl {
    // Lives in the JVM the library started, for as long as the C program runs.
    private static final AtomicLong CALLS = new AtomicLong();

    private PluginImpl() {}

    /** {@code int add(int a, int b)}. */
    public static int add(int a, int b) {
        CALLS.incrementAndGet();
        return a + b;
    }

    /** {@code int word_count(const char *text)}: the C string arrives decoded from UTF-8. */
    public static int word_count(String text) {
        CALLS.incrementAndGet();
        String trimmed = text == null ? "" : text.strip();
        return trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
    }

    /** {@code double sum(const double *values, int count)}: a pointer arrives as a zero-length segment. */
    public static double sum(MemorySegment values, int count) {
        CALLS.incrementAndGet();
        MemorySegment array = values.reinterpret(count * ValueLayout.JAVA_DOUBLE.byteSize());
        double total = 0;
        for (int i = 0; i < count; i++) {
            total += array.getAtIndex(ValueLayout.JAVA_DOUBLE, i);
        }
        return total;
    }

    /** {@code long calls(void)}: how many calls the other functions have had. */
    public static long calls() {
        return CALLS.get();
    }
}

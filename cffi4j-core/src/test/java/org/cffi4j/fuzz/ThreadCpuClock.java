package org.cffi4j.fuzz;

import java.lang.reflect.Method;

/**
 * The CPU time of the current thread. The tests run patched into the cffi4j module, which does
 * not read java.management, so its ThreadMXBean is reached by reflection (which needs no
 * readability, only an exported package).
 */
final class ThreadCpuClock {
    private final Object threads;
    private final Method cpuTime;

    ThreadCpuClock() {
        try {
            threads = Class.forName("java.lang.management.ManagementFactory")
                    .getMethod("getThreadMXBean")
                    .invoke(null);
            cpuTime = Class.forName("java.lang.management.ThreadMXBean").getMethod("getCurrentThreadCpuTime");
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("no thread CPU clock", e);
        }
    }

    long nanos() {
        try {
            return (long) cpuTime.invoke(threads);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}

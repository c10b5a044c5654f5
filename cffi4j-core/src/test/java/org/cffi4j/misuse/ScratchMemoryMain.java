package org.cffi4j.misuse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.cffi4j.FFI;

/**
 * The forked JVM of {@link ScratchMemoryTest}: threads that each passed one huge Java String as a
 * {@code char *} argument, then stay alive. Prints the resident set size before ({@code RSS-BEFORE
 * kB}) and while the threads wait ({@code RSS-WAITING kB}), and what {@code strlen} returned.
 */
public final class ScratchMemoryMain {
    /** libc's strlen, bound: a String argument goes through the thread's scratch memory. */
    public interface Libc {
        /** {@code strlen}. */
        long strlen(String s);
    }

    private ScratchMemoryMain() {}

    /** Arguments: the number of threads, the length of the String. */
    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[0]);
        int length = Integer.parseInt(args[1]);
        FFI ffi = new FFI();
        ffi.cdef("unsigned long strlen(const char *s);");
        Libc libc = ffi.dlopen(null).bind(Libc.class);
        String big = "x".repeat(length); // one String for all threads: the Java heap does not grow per thread
        libc.strlen("warm-up");
        settle();
        long before = rssKb();
        CountDownLatch called = new CountDownLatch(threads);
        CountDownLatch end = new CountDownLatch(1);
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(() -> {
                System.out.println("STRLEN " + libc.strlen(big));
                called.countDown();
                try {
                    end.await(); // alive, as a pool's thread would be
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            t.start();
        }
        called.await();
        settle();
        System.out.println("RSS-BEFORE " + before);
        System.out.println("RSS-WAITING " + rssKb());
        end.countDown();
    }

    private static void settle() throws InterruptedException {
        System.gc();
        Thread.sleep(300);
        System.gc();
        Thread.sleep(100);
    }

    private static long rssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.substring(6).replace("kB", "").trim());
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}

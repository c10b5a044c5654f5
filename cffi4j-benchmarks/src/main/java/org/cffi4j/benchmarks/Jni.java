package org.cffi4j.benchmarks;

import java.nio.file.Path;

/**
 * The benchmark library through hand-written JNI: native methods implemented by the glue of
 * src/main/c/benchjni.c, which calls the functions of benchlib.c (and libc's {@code qsort}), and the
 * Java callbacks that glue calls. The glue library is loaded when this class is initialized, that is
 * on the first call of one of its methods, so that JVMs running only other ways never load it; its
 * path comes in the system property {@code cffi4j.benchjni} (cffi4j-benchmarks/build-native builds
 * it).
 */
public final class Jni {
    static {
        System.load(Path.of(System.getProperty("cffi4j.benchjni", "target/libbenchjni.so"))
                .toAbsolutePath()
                .toString());
    }

    private Jni() {}

    /** Calls {@code void noop(void)}. */
    public static native void noop();

    /**
     * Calls {@code int add_ints(int a, int b)}.
     *
     * @param a the first addend
     * @param b the second addend
     * @return {@code a + b}, computed in C
     */
    public static native int addInts(int a, int b);

    /**
     * Calls {@code double add_doubles(double a, double b)}.
     *
     * @param a the first addend
     * @param b the second addend
     * @return {@code a + b}, computed in C
     */
    public static native double addDoubles(double a, double b);

    /**
     * Calls {@code int sum_point(struct point p)} with {@code p} passed by value; JNI cannot pass a
     * struct, so the glue builds it from the fields.
     *
     * @param x the point's x
     * @param y the point's y
     * @return {@code x + y}, computed in C
     */
    public static native int sumPoint(int x, int y);

    /**
     * Calls {@code size_t my_strlen(const char *s)} on a copy of {@code s} in modified UTF-8.
     *
     * @param s the string, not null
     * @return the length of the copy in bytes
     */
    public static native long strlen(String s);

    /**
     * Calls {@code int apply_cb(int (*f)(int), int x)} with a C function that calls {@link
     * #twice(int)}.
     *
     * @param x the argument passed on to the callback
     * @return {@code 2 * x}, computed in Java
     */
    public static native int applyCb(int x);

    /**
     * Sorts ints in native memory with libc's {@code qsort} and a C comparator that calls {@link
     * #compare(int, int)} with the two ints' values.
     *
     * @param address the address of the first int
     * @param count the number of ints
     */
    public static native void qsort(long address, long count);

    /**
     * The callback of {@link #applyCb(int)}, called from C.
     *
     * @param x a number
     * @return {@code 2 * x}
     */
    public static int twice(int x) {
        return 2 * x;
    }

    /**
     * The comparator of {@link #qsort(long, long)}, called from C.
     *
     * @param a the first int
     * @param b the second int
     * @return {@link Integer#compare(int, int)} of the two
     */
    public static int compare(int a, int b) {
        return Integer.compare(a, b);
    }
}

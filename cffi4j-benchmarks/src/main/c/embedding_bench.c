/*
 * One call from C into Java, timed from C: the exported function of an embedded library (libadd.so,
 * whose add is org.cffi4j.benchmarks.embedding.BenchPlugin.add), beside the same Java method as a
 * cffi4j callback (ffi.callback) and as a raw FFM upcall stub, called through function pointers.
 * Prints the first call's latency (the JVM's start included), then the best of 7 rounds of each
 * way, in nanoseconds per call.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "add.h"

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static long n;

static double round_of_embedded(void) {
    long sum = 0;
    double t0 = now();
    for (long i = 0; i < n; i++) {
        sum += add((int) i, 1);
    }
    double t = now() - t0;
    if (sum != n * (n - 1) / 2 + n) {
        fprintf(stderr, "wrong sum %ld\n", sum);
        exit(1);
    }
    return t * 1e9 / n;
}

static double round_of(int_op f) {
    long sum = 0;
    double t0 = now();
    for (long i = 0; i < n; i++) {
        sum += f((int) i, 1);
    }
    double t = now() - t0;
    if (sum != n * (n - 1) / 2 + n) {
        fprintf(stderr, "wrong sum %ld\n", sum);
        exit(1);
    }
    return t * 1e9 / n;
}

static double least(double a, double b) { return a < b ? a : b; }

int main(int argc, char **argv) {
    n = argc > 1 ? atol(argv[1]) : 10000000;
    double t0 = now();
    int first = add(20, 22);
    double first_ms = (now() - t0) * 1e3;
    if (first != 42) {
        fprintf(stderr, "add(20, 22) = %d\n", first);
        return 1;
    }
    int_op callback = callback_add(), raw = raw_upcall_add();
    double embedded = 1e9, via_callback = 1e9, via_raw = 1e9;
    for (int r = 0; r < 10; r++) { /* 3 rounds of warm-up, then 7 measured, the ways taking turns */
        double e = round_of_embedded(), c = round_of(callback), w = round_of(raw);
        if (r >= 3) {
            embedded = least(embedded, e);
            via_callback = least(via_callback, c);
            via_raw = least(via_raw, w);
        }
    }
    printf("first_call_ms %.1f\nembedded_ns %.2f\ncallback_ns %.2f\nraw_upcall_ns %.2f\n", first_ms, embedded,
           via_callback, via_raw);
    return 0;
}

/* A C program calling the Java functions of libplugin.so, from main and from 8 threads. Every
   result is checked here; the test reads the summary lines and the exit code. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "plugin.h"

#define THREADS 8
#define CALLS 10000

static int failures;
#define CHECK(cond)                                                  \
    do {                                                             \
        if (!(cond)) {                                               \
            printf("FAILED line %d: %s\n", __LINE__, #cond);         \
            failures++;                                              \
        }                                                            \
    } while (0)

static int c_max(int a, int b) { return a > b ? a : b; }

static pthread_barrier_t barrier;

static void *worker(void *arg) {
    long t = (long) arg, wrong = 0;
    pthread_barrier_wait(&barrier);
    record_thread();
    binary_op sub = op("sub");
    for (int i = 0; i < CALLS; i++) {
        char text[16];
        snprintf(text, sizeof text, "%d", i);
        point p = midpoint((point){i, 0}, (point){i + 2 * t, 2});
        wrong += add(i, (int) t) != i + t;
        wrong += mul64(i, t << 33) != ((long long) i * t) << 33;
        wrong += length(text) != (int) strlen(text);
        wrong += p.x != i + t || p.y != 1;
        wrong += apply(sub, i, (int) t) != i - t;
    }
    return (void *) wrong;
}

/* 8 threads whose first call is the library's first: it must start once, whatever the order. */
static int run_threads(void) {
    pthread_t threads[THREADS];
    long wrong = 0;
    pthread_barrier_init(&barrier, NULL, THREADS);
    for (long t = 0; t < THREADS; t++) {
        pthread_create(&threads[t], NULL, worker, (void *) t);
    }
    for (int t = 0; t < THREADS; t++) {
        void *w;
        pthread_join(threads[t], &w);
        wrong += (long) w;
    }
    printf("threads: %d x %d calls, %ld wrong\n", THREADS, CALLS, wrong);
    return wrong == 0;
}

static void from_main(void) {
    double xs[] = {1, 2, 3, 4.5};
    int squares[5] = {-1, -1, -1, -1, -1};
    CHECK(add(2, 3) == 5);
    CHECK(mul64(1LL << 40, 3) == 3LL << 40);
    CHECK(low_byte(0x1234) == 0x34);
    CHECK(negate16(-32767) == 32767);
    CHECK(is_even(10) && !is_even(7));
    CHECK(half(3.0f) == 1.5f);
    CHECK(hypotenuse(3, 4) == 5);
    CHECK(length("h\xc3\xa9llo") == 6);
    CHECK(length(NULL) == -1);
    CHECK(count_char("banana", 'a') == 3);
    CHECK(mean(xs, 4) == 2.625);
    fill_squares(squares, 5);
    CHECK(squares[0] == 0 && squares[2] == 4 && squares[4] == 16);
    point m = midpoint((point){0, 0}, (point){2, 4});
    CHECK(m.x == 1 && m.y == 2);
    CHECK(norm((point){3, 4}) == 5);
    point s = scale((point){1, 2}, 3);
    CHECK(s.x == 3 && s.y == 6);
    binary_op mul = op("mul");
    CHECK(mul != NULL && mul(6, 7) == 42);
    CHECK(op("no such op") == NULL);
    CHECK(apply(mul, 3, 4) == 12);
    CHECK(apply(c_max, 3, 9) == 9);
    CHECK(fail(5) == 5);
    CHECK(fail(-1) == 0); /* the Java method throws: zero, and one report on stderr */
    CHECK(add(1, 1) == 2);
    printf("main: %d failed\n", failures);
}

int main(int argc, char **argv) {
    int concurrent_start = argc > 1 && strcmp(argv[1], "threads-first") == 0;
    if (!concurrent_start) {
        from_main();
    }
    int ok = run_threads();
    long long expected = (concurrent_start ? 0 : 2) + (long long) THREADS * CALLS;
    CHECK(add_calls() == expected);
    /* every C thread the JVM attached for its calls was detached when it ended */
    CHECK(threads_alive() == 0);
    ok = ok && failures == 0;
    printf("%s\n", ok ? "ALL OK" : "FAILED");
    return !ok;
}

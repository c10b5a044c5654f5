/* The C side of the stress tests and the errno tests: functions that take their time (so that
 * another thread can close the library while they run), call back, and read or set errno. */
#include <errno.h>
#include <unistd.h>

int stress_counter = 41;
int stress_table[4] = {1, 2, 3, 4};

int apply_int(int (*f)(int), int x) { return f(x); }

int slow_add(int a, int b, int micros) {
    usleep((useconds_t) micros);
    return a + b;
}

/* Sleeps, calls back, sleeps again: the callback runs while this function's frame is live. */
int slow_apply(int (*f)(int), int x, int micros) {
    usleep((useconds_t) micros);
    int r = f(x);
    usleep((useconds_t) micros);
    return r;
}

int get_errno(void) { return errno; }

void set_errno(int value) { errno = value; }

/* errno as the function saw it on entry, through a variadic call. */
int get_errno_variadic(int n, ...) { return errno + 0 * n; }

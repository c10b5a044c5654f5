/* The C library the call benchmarks call: each function does as little as possible, so that the
 * cost measured is the cost of crossing from Java to C and back. */
#include <stddef.h>

struct point { int x; int y; };

void noop(void) {}

int add_ints(int a, int b) { return a + b; }

double add_doubles(double a, double b) { return a + b; }

int sum_point(struct point p) { return p.x + p.y; }

size_t my_strlen(const char *s) {
    const char *p = s;
    while (*p) {
        p++;
    }
    return (size_t) (p - s);
}

/* The upcall benchmark: one call of a function pointer, so that the cost measured is the cost of
 * crossing from C back into Java. */
int apply_cb(int (*f)(int), int x) { return f(x); }

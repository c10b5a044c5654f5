/* C functions that call a callback once with given arguments and return what it returned, one per
 * kind of C type: the conversion table of callbacks, checked against real C calling conventions. */
#include <stdbool.h>
#include <stdint.h>

struct pair { int a; double b; };
struct big { long long x, y, z; char tag[8]; };

int apply_int(int (*f)(int), int x) { return f(x); }

/* Every integer width and both floating types in one call; the callback returns a checksum. */
double apply_mixed(double (*f)(signed char, unsigned char, short, unsigned short, int, unsigned int,
                               long long, unsigned long long, float, double, bool),
                   long long seed) {
    return f((signed char) -5, (unsigned char) 250, (short) -30000, (unsigned short) 65000, -2000000000,
             4000000000u, seed, 18000000000000000000ull, 1.5f, -2.25, true);
}

/* A small struct (registers) and a large one (memory) by value, both ways. */
struct pair apply_pair(struct pair (*f)(struct pair, int), struct pair p, int k) { return f(p, k); }

struct big apply_big(struct big (*f)(struct big), struct big b) { return f(b); }

/* char * arguments and results. */
const char *apply_str(const char *(*f)(const char *, int), const char *s, int n) { return f(s, n); }

/* A callback whose result is a pointer into the array it was given. */
int *apply_find(int *(*f)(int *, int, int), int *items, int n, int wanted) { return f(items, n, wanted); }

/* void callbacks: a callback that writes through the pointer it gets. */
void apply_void(void (*f)(int *, int), int *out, int v) { f(out, v); }

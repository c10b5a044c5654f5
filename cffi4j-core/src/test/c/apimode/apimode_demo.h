/* A header of the API-mode tests: what only a C compiler can use directly (a function-like macro, a
 * static inline function), structs whose layout the cdef declares, rightly or wrongly, and values a
 * cdef can leave to the compiler with '...'. */
#ifndef APIMODE_DEMO_H
#define APIMODE_DEMO_H

#define SQUARE(x) ((x) * (x))
#define DEMO_LIMIT (1 << 12)

static inline int demo_twice(int x) { return 2 * x; }

/* Padding after 'tag' and after 'scale': a wrong field order changes every offset. */
struct demo_record {
    char tag;
    double scale;
    short count;
    int values[3];
};

typedef unsigned short demo_small_t;

/* Bitfields, a union, an anonymous member and a packed struct: what layout engines get wrong. */
struct demo_flags {
    unsigned ready : 1;
    unsigned mode : 3;
    signed level : 7;
    unsigned long long wide : 40;
    char name[5];
};

union demo_value {
    char bytes[12];
    double number;
    struct demo_flags flags;
};

struct demo_tagged {
    int kind;
    union {
        long long integer;
        float pair[3];
    };
    demo_small_t tail;
};

struct __attribute__((packed)) demo_packed {
    char c;
    int i;
    short s;
};

/* Values a cdef can leave to the compiler. */
enum demo_color { DEMO_BLUE = 3, DEMO_RED = 5, DEMO_GREEN = 9 };
typedef double demo_real_t;
static const int DEMO_STATIC = 77;
extern int demo_table[7];

#endif

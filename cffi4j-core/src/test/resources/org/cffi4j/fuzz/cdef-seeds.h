//// bitfields
struct flags {
    unsigned int ready : 1, busy : 1;
    unsigned int : 0;
    signed int level : 5;
    unsigned long long big : 40;
    _Bool on : 1;
};
typedef struct flags flags_t;
//// unions
union value {
    int i;
    double d;
    char bytes[sizeof(double)];
    struct { short lo, hi; } halves;
};
typedef union value value_t;
union value make_value(int kind, ...);
//// enums with expressions
enum color { RED = 1 << 0, GREEN = 1 << 1, BLUE = 1 << 2, WHITE = RED | GREEN | BLUE, LAST = WHITE + 1 };
enum { NEG = -5, AFTER, BIG = 0x7fffffff, CHARS = 'a' + '\n' };
typedef enum mode { MODE_A = (3 * 4) % 5, MODE_B = MODE_A ? 10 : 20, MODE_C = ~0U >> 28 } mode_alias;
//// function pointers returning function pointers
typedef int (*handler_t)(int, void *);
handler_t (*get_handler(const char *name))(int, void *);
void (*signal(int sig, void (*func)(int)))(int);
int (*(*table)[4])(double);
int (*(*(*nested)(int))(long))(char);
//// arrays of pointers to arrays
int (*rows[3])[5];
char *(*(*matrix)[2])[8];
extern const char *names[];
typedef double vec3[3];
vec3 points[16];
typedef vec3 *vec3_ptr;
long grid[2][3][4];
//// defines with expressions
#define ONE 1
#define TWO (ONE + ONE)
#define MASK (~0UL >> 4)
#define SHIFTED (1ULL << 40)
#define HEX 0xFFu
#define OCT 0755
#define NEG_SIX (-TWO * 3)
#define SIZE_BITS (sizeof(int) * 8)
#define TERN (TWO > ONE ? 100 : 200)
#define CH 'x'
#define LOGIC (ONE && !0 || 0)
#define API_ONLY ...
//// pragma pack
#pragma pack(push, 1)
struct packed_hdr { char tag; int len; short crc; };
#pragma pack(pop)
#pragma pack(2)
struct two { char c; double d; };
#pragma pack()
#pragma GCC visibility push(default)
struct natural { char c; double d; };
//// attributes everywhere
struct __attribute__((packed)) p1 { char a; int b; } __attribute__((aligned(4)));
typedef int aligned_int __attribute__((aligned(16)));
extern int my_printf(const char *, ...) __attribute__((__format__(__printf__, 1, 2))) __attribute__((__nonnull__(1)));
__attribute__((visibility("default"))) int exported(void);
struct s2 { int x __attribute__((aligned(8))); char y; };
int __attribute__((unused)) var_a;
void *__attribute__((malloc)) my_alloc(unsigned long n);
typedef unsigned int u8mode __attribute__((mode(QI)));
//// asm labels
extern int stat_wrapper(const char *, void *) __asm__("" "stat64");
extern int renamed_var __asm__("real_var");
extern int my_fstat(int, void *) __asm__ ("fstat64") __attribute__ ((__nothrow__ , __leaf__));
__asm__(".symver old,old@V1");
//// static inline bodies
static inline int square(int x) { return x * x; }
static __inline__ unsigned long rotl(unsigned long v, int n) {
    if (n == 0) { return v; }
    return (v << n) | (v >> (64 - n));
}
extern __inline__ __attribute__((__gnu_inline__)) int peek(const char *s) { return s[0] == '}' ? 1 : "{"[0]; }
int after_inline(void);
//// static asserts
_Static_assert(sizeof(int) == 4, "int is 32 bits");
_Static_assert(sizeof(void *) >= 4, "pointers" " are wide");
struct with_assert { int a; _Static_assert(1, "inside"); char b; };
static_assert(_Alignof(double) == 8, "double alignment");
//// line markers
# 1 "lib.h"
# 1 "<built-in>" 1
# 12 "x.h" 2 3 4
typedef long my_ssize_t;
#line 40 "y.h"
struct point { int x, y; };
# 7 "x.h"
int distance(struct point, struct point);
//// cffi placeholders
typedef ... opaque_t;
typedef int... int_like_t;
struct partial { int known; ...; };
enum loose { L_A, L_B, ... };
#define VALUE_ONLY_IN_API ...
int array_api[...];
//// forward declarations
struct node;
typedef struct node node_t;
struct node { int value; node_t *next; struct node *prev; };
struct list { node_t *head; unsigned long count; };
//// anonymous members
struct event {
    int type;
    union {
        struct { int x, y; } motion;
        struct { int code; unsigned mods : 8; } key;
        char raw[24];
    };
    struct { long sec, nsec; } time;
};
//// flexible arrays and varargs
struct buffer { unsigned long len; unsigned char data[]; };
int sum(int count, ...);
void log_msg(int level, const char *fmt, ...);
//// typeof and qualifiers
extern int counter;
typedef __typeof__(counter) counter_t;
const volatile int * const cv_ptr;
char *__restrict copy_str(char *__restrict dst, const char *__restrict src);
_Atomic(int) atomic_counter;
_Atomic int plain_atomic;
typedef __typeof__(int *) int_ptr;
//// alignas
struct al { _Alignas(16) char buf[3]; _Alignas(double) int x; };
_Alignas(8) int g_aligned;
typedef struct { char c; } __attribute__((aligned(32))) big_aligned_t;
//// arithmetic types
long double ld;
unsigned long long int ull;
signed char sc;
short int si;
long int unsigned lu;
__int128 i128;
unsigned __int128 u128;
double _Complex dc;
float _Complex fc;
_Bool flag;
//// predefined typedefs
typedef int32_t my_i32;
struct wire { uint8_t tag; uint16_t len; int64_t stamp; size_t n; intptr_t p; wchar_t w; char16_t c16; };
uint32_t crc32(const uint8_t *buf, size_t len);
//// vtable struct
struct ops;
struct ops {
    int (*open)(const char *path, int flags);
    long (*read)(void *handle, void *buf, unsigned long n);
    void (*close)(void *handle);
    struct ops *(*clone)(const struct ops *);
};
extern const struct ops *default_ops;
//// comments and continuations
/* block comment with { brackets ( and "quotes */
int a_function(int /* inline */ x); // trailing comment
#define LONG_MACRO (1 + \
    2 + \
    3)
int   after_macro ;
//// sizeof and offsetof
struct hdr { char kind; int len; double stamp; };
#define HDR_SIZE sizeof(struct hdr)
#define LEN_OFFSET __builtin_offsetof(struct hdr, len)
char pad[sizeof(struct hdr) - __builtin_offsetof(struct hdr, stamp)];
enum { HDR_ALIGN = _Alignof(struct hdr) };
static const int MAX_ITEMS = 64;
static const unsigned long MASK_BITS = ~0UL;
//// gnu extensions
__extension__ typedef long long quad_alias;
__extension__ typedef struct { long long int quot; long long int rem; } lldiv_alias;
extern int my_scanf(const char *__restrict __format, ...) __asm__("" "__isoc23_scanf");
extern void my_abort(void) __attribute__ ((__nothrow__ , __leaf__)) __attribute__ ((__noreturn__));
__thread int tls_value;
_Thread_local long tls2;
//// character and string literals
#define NL '\n'
#define ESC '\x1b'
#define OCTAL_CH '\101'
#define WIDE L'w'
#define UNI U'\u00e9'
_Static_assert('A' == 65, "ascii \"quoted\" \\ backslash");
extern char greeting[sizeof "hello"];
//// several declarators and initialisers
int a1, *a2, a3[4], (*a4)(void), **a5;
static int initialised = 42;
int arr_init[3] = { 1, 2, 3 };
struct point2 { int x, y; } origin = { 0, 0 }, *cursor;
//// enum types
enum __attribute__((packed)) small { S0, S1, S2 };
enum big : unsigned long { BIG_A = 1, BIG_B = 0xFFFFFFFFFFUL };
typedef enum { NEG_ONE = -1, POS = 1 } signed_enum;
struct uses_enums { enum small s; enum big b; signed_enum e; };
//// parameter lists
int no_params();
int void_params(void);
int unnamed(int, char *, double[]);
int arrays_in_params(int n, int m[static 10], const char names[][16]);
void fp_param(void (*)(int, ...));
//// calling conventions
int __cdecl cdecl_fn(int);
int __stdcall stdcall_fn(int);
__declspec(dllimport) int imported(void);
typedef void (__stdcall *callback_t)(int);
//// nested definitions
typedef struct outer {
    struct inner { int a; struct deepest { char c; } d; } in;
    struct inner *pin;
    int count;
} outer_t, *outer_ptr;
struct deepest shared;
typedef struct { int x; } anon_t;
typedef anon_t anon_alias;
//// packed bitfields
enum kind { K0, K1, K2, K3 };
struct __attribute__((packed)) reg {
    enum kind kind : 2;
    unsigned int addr : 20;
    unsigned char flags;
    unsigned long long wide : 33;
    unsigned : 3;
};
//// qualifiers in odd places
_Noreturn void die(const char *msg);
int const ci;
char const *const *const ccp;
void takes(int *const *restrict pp);
typedef const struct point3 { int v[3]; } cpoint3;
//// base declarations
struct fwd;
typedef struct fwd fwd_t;
enum later;
struct done { int a; char b; };
typedef struct { int x; } anon_t;
struct { int y; } anon_var;
enum fixed { FIXED_A = 1, FIXED_B };
#define BASE_LIMIT 10
int base_function(int, fwd_t *);
extern int base_var;
//// completions of the base declarations
struct fwd { int x; double y; fwd_t *self; };
enum later { LATER_A, LATER_B = 4 };
typedef __typeof__(anon_var) anon_var_t;
typedef struct fwd *fwd_ptr;
//// linkage specifications
extern "C" int c_linkage(int);
extern "C" { int in_block(void); struct in_block_s { int x; }; }
extern "Java" int java_callback(int, const char *);
extern "Java" { void java_a(void); long java_b(long); }

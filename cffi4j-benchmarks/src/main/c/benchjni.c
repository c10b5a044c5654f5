/* Hand-written JNI glue for the call and upcall benchmarks: the native side of
 * org.cffi4j.benchmarks.Jni, calling the functions of benchlib.c (and libc's qsort) the way a
 * careful JNI binding would: method IDs looked up once in JNI_OnLoad, no allocation per call, and no
 * JNI call made while a Java exception is pending. */
#include <jni.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* benchlib.c's declarations. */
struct point { int x; int y; };
void noop(void);
int add_ints(int a, int b);
double add_doubles(double a, double b);
int sum_point(struct point p);
size_t my_strlen(const char *s);
int apply_cb(int (*f)(int), int x);

/* Jni and its two static callbacks, cached once: looking them up per call would cost more than the
 * call itself. The class is held by a global reference so that the method IDs stay valid. */
static jclass jni_class;
static jmethodID twice_id;   /* static int twice(int) */
static jmethodID compare_id; /* static int compare(int, int) */

/* The JNIEnv of the Java thread inside applyCb or qsort: the C callbacks have no parameter to carry
 * it, and a JNIEnv is valid only on its own thread, hence thread-local. */
static _Thread_local JNIEnv *callback_env;

JNIEXPORT jint JNICALL JNI_OnLoad(JavaVM *vm, void *reserved) {
    (void) reserved;
    JNIEnv *env;
    if ((*vm)->GetEnv(vm, (void **) &env, JNI_VERSION_1_8) != JNI_OK) {
        return JNI_ERR;
    }
    jclass local = (*env)->FindClass(env, "org/cffi4j/benchmarks/Jni");
    if (local == NULL) {
        return JNI_ERR;
    }
    jni_class = (*env)->NewGlobalRef(env, local);
    (*env)->DeleteLocalRef(env, local);
    if (jni_class == NULL) {
        return JNI_ERR;
    }
    twice_id = (*env)->GetStaticMethodID(env, jni_class, "twice", "(I)I");
    compare_id = (*env)->GetStaticMethodID(env, jni_class, "compare", "(II)I");
    if (twice_id == NULL || compare_id == NULL) {
        return JNI_ERR; /* NoSuchMethodError pending */
    }
    return JNI_VERSION_1_8;
}

JNIEXPORT void JNICALL Java_org_cffi4j_benchmarks_Jni_noop(JNIEnv *env, jclass cls) {
    (void) env;
    (void) cls;
    noop();
}

JNIEXPORT jint JNICALL Java_org_cffi4j_benchmarks_Jni_addInts(JNIEnv *env, jclass cls, jint a, jint b) {
    (void) env;
    (void) cls;
    return add_ints(a, b);
}

JNIEXPORT jdouble JNICALL Java_org_cffi4j_benchmarks_Jni_addDoubles(JNIEnv *env, jclass cls, jdouble a, jdouble b) {
    (void) env;
    (void) cls;
    return add_doubles(a, b);
}

/* JNI cannot pass a struct: Java passes the fields and the glue builds the struct by value. */
JNIEXPORT jint JNICALL Java_org_cffi4j_benchmarks_Jni_sumPoint(JNIEnv *env, jclass cls, jint x, jint y) {
    (void) env;
    (void) cls;
    struct point p = { x, y };
    return sum_point(p);
}

/* Strings of up to this many UTF-16 units are copied into a stack buffer. */
#define SHORT_STRING 64

/* A short string goes through GetStringUTFRegion into a stack buffer: one JNI call, no malloc and
 * no release, where GetStringUTFChars allocates a copy on the C heap that ReleaseStringUTFChars
 * frees. One UTF-16 unit is at most 3 bytes of modified UTF-8 (a surrogate pair is two units of 3
 * bytes each), and modified UTF-8 has no zero byte, so zeroing the 3n + 1 bytes first terminates
 * the copy (GetStringUTFRegion need not write a terminator). Longer strings take the usual way. */
JNIEXPORT jlong JNICALL Java_org_cffi4j_benchmarks_Jni_strlen(JNIEnv *env, jclass cls, jstring s) {
    (void) cls;
    if (s == NULL) {
        jclass npe = (*env)->FindClass(env, "java/lang/NullPointerException");
        if (npe != NULL) {
            (*env)->ThrowNew(env, npe, "s");
        }
        return 0;
    }
    jsize n = (*env)->GetStringLength(env, s);
    if (n <= SHORT_STRING) {
        char buf[3 * SHORT_STRING + 1];
        memset(buf, 0, 3 * (size_t) n + 1);
        (*env)->GetStringUTFRegion(env, s, 0, n, buf);
        return (jlong) my_strlen(buf);
    }
    const char *chars = (*env)->GetStringUTFChars(env, s, NULL);
    if (chars == NULL) {
        return 0; /* OutOfMemoryError pending */
    }
    size_t length = my_strlen(chars);
    (*env)->ReleaseStringUTFChars(env, s, chars);
    return (jlong) length;
}

/* apply_cb's int (*)(int): calls Jni.twice. One JNI call per native call, so no exception check is
 * needed: if twice throws, the exception is pending when applyCb returns and Java throws it. */
static int twice_trampoline(int x) {
    JNIEnv *env = callback_env;
    return (*env)->CallStaticIntMethod(env, jni_class, twice_id, (jint) x);
}

JNIEXPORT jint JNICALL Java_org_cffi4j_benchmarks_Jni_applyCb(JNIEnv *env, jclass cls, jint x) {
    (void) cls;
    JNIEnv *outer = callback_env; /* restored on return: the callback may call back in */
    callback_env = env;
    int result = apply_cb(twice_trampoline, x);
    callback_env = outer;
    return result;
}

/* qsort's comparator: reads the two ints in C and passes their values to Jni.compare. qsort calls
 * it many times, and no JNI function may be called with an exception pending, so once compare has
 * thrown the rest of the sort compares nothing and Java throws when qsort returns. */
static int compare_trampoline(const void *a, const void *b) {
    JNIEnv *env = callback_env;
    if ((*env)->ExceptionCheck(env)) {
        return 0;
    }
    return (*env)->CallStaticIntMethod(env, jni_class, compare_id, *(const jint *) a, *(const jint *) b);
}

/* Sorts n ints at the native address base (Java passes addresses as a long). */
JNIEXPORT void JNICALL Java_org_cffi4j_benchmarks_Jni_qsort(JNIEnv *env, jclass cls, jlong base, jlong n) {
    (void) cls;
    JNIEnv *outer = callback_env;
    callback_env = env;
    qsort((void *) (intptr_t) base, (size_t) n, sizeof(jint), compare_trampoline);
    callback_env = outer;
}

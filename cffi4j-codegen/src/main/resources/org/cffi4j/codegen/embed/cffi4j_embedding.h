/*
 * The part of an embedded library that is the same in every one: starting, or finding, the JVM
 * at the first call of any of its functions, and filling the function slots with the Java side's
 * upcall stubs. Written by cffi4j embed beside the library's generated C; nothing here is exported.
 */
#ifndef CFFI4J_EMBEDDING_H
#define CFFI4J_EMBEDDING_H

#include <pthread.h>

/* FORKED: this process is a child forked after the JVM started, whose threads fork did not copy */
enum cffi4j_state { CFFI4J_UNSTARTED, CFFI4J_READY, CFFI4J_FAILED, CFFI4J_FORKED };

/* One embedded library: what its build baked in, and whether it has started. */
struct cffi4j_embedding {
    const char *library;    /* the library's file name, for the reports */
    const char *java_class; /* the class whose public static methods implement the functions */
    const char *java_home;  /* --java-home at build time, or "" */
    const char *class_path; /* --classpath at build time */
    const char *cdef;       /* the declarations, which the Java side parses */
    const char *names;      /* the functions in slot order, separated by commas */
    void **slots;           /* one per function: the upcall stub of its Java method */
    void *vm;               /* the JavaVM, once started */
    int state;              /* an enum cffi4j_state, read with acquire, written with release */
    pthread_mutex_t lock;   /* held while starting: one start, whatever the threads */
};

/* Whether this thread is attached to the JVM: by this library (which detaches it when the thread
   ends), or as a Java thread. Initial-exec: a thread-local read is one instruction, not a call. */
extern __thread int cffi4j_thread_attached __attribute__((tls_model("initial-exec")));

/* Starts the library if no call has, and attaches this thread; returns whether it can call Java. */
int cffi4j_start(struct cffi4j_embedding *lib);

/* The check at the top of every function: two loads once the library has started on this thread. */
static inline int cffi4j_enter(struct cffi4j_embedding *lib) {
    return (__atomic_load_n(&lib->state, __ATOMIC_ACQUIRE) == CFFI4J_READY && cffi4j_thread_attached)
        || cffi4j_start(lib);
}

#endif

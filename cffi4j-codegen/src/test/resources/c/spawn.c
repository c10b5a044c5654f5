/* Calls into libplugin.so from threads of its own: C threads the JVM has never seen. */
#include <pthread.h>

#include "plugin.h"

static int calls_per_thread;

static void *worker(void *arg) {
    long t = (long) arg, wrong = 0;
    record_thread();
    for (int i = 0; i < calls_per_thread; i++) {
        wrong += add(i, (int) t) != i + t;
    }
    return (void *) wrong;
}

/* Runs `threads` threads of `calls` calls each; returns how many results were wrong. */
long spawn_calls(int threads, int calls) {
    pthread_t ids[64];
    long wrong = 0;
    calls_per_thread = calls;
    for (long t = 0; t < threads && t < 64; t++) {
        pthread_create(&ids[t], NULL, worker, (void *) t);
    }
    for (int t = 0; t < threads && t < 64; t++) {
        void *w;
        pthread_join(ids[t], &w);
        wrong += (long) w;
    }
    return wrong;
}

/* Foreign threads calling a Java callback: run_threads starts nthreads pthreads (threads the JVM
 * did not create), each calling cb(thread, i) for i = 0 .. calls-1, and counts on the C side what
 * came back. The callback is expected to return expected_result(i); anything else it returns is
 * counted as the error value if it equals error_value, and as wrong otherwise. */
#include <pthread.h>
#include <stdlib.h>

typedef int (*worker_cb)(int thread, int i);

struct thread_counts {
    long long ok;       /* calls that returned expected_result(i) */
    long long errors;   /* calls that returned the error value */
    long long wrong;    /* calls that returned anything else */
};

struct job {
    worker_cb cb;
    int thread;
    int calls;
    int error_value;
    struct thread_counts *counts;
};

int expected_result(int i) { return i % 7 + 1; }

static void *work(void *arg) {
    struct job *job = arg;
    struct thread_counts c = {0, 0, 0};
    for (int i = 0; i < job->calls; i++) {
        int r = job->cb(job->thread, i);
        if (r == expected_result(i)) {
            c.ok++;
        } else if (r == job->error_value) {
            c.errors++;
        } else {
            c.wrong++;
        }
    }
    *job->counts = c;
    return NULL;
}

/* Returns 0 when every thread was started and joined, else the pthread error code. counts must
 * have nthreads items. */
int run_threads(worker_cb cb, int nthreads, int calls, int error_value, struct thread_counts *counts) {
    pthread_t *ids = calloc((size_t) nthreads, sizeof *ids);
    struct job *jobs = calloc((size_t) nthreads, sizeof *jobs);
    int rc = ids && jobs ? 0 : -1;
    int started = 0;
    for (; rc == 0 && started < nthreads; started++) {
        jobs[started] = (struct job) {cb, started, calls, error_value, &counts[started]};
        rc = pthread_create(&ids[started], NULL, work, &jobs[started]);
        if (rc != 0) {
            break;
        }
    }
    for (int t = 0; t < started; t++) {
        int joined = pthread_join(ids[t], NULL);
        rc = rc != 0 ? rc : joined;
    }
    free(ids);
    free(jobs);
    return rc;
}

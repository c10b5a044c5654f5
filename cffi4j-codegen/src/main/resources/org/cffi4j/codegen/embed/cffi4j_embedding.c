/*
 * Starting an embedded library (see cffi4j_embedding.h). The JVM already in the process is used
 * when there is one; otherwise libjvm is loaded from CFFI4J_JAVA_HOME, else the --java-home given
 * at build time, else JAVA_HOME, and started with the build's class path plus CFFI4J_CLASSPATH and
 * the options of CFFI4J_JVM_OPTIONS. Every failure is one report on stderr naming what was tried.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <jni.h>
#include <link.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cffi4j_embedding.h"

#define CFFI4J_JNI_VERSION JNI_VERSION_21
#define CFFI4J_MAX_OPTIONS 64

typedef jint (*get_created_vms_fn)(JavaVM **, jsize, jsize *);
typedef jint (*create_vm_fn)(JavaVM **, void **, void *);

/* What went wrong, built up while starting and printed once. */
struct report {
    char text[16384];
    size_t length;
};

static void say(struct report *r, const char *format, ...) {
    va_list args;
    va_start(args, format);
    if (r->length < sizeof r->text) {
        int n = vsnprintf(r->text + r->length, sizeof r->text - r->length, format, args);
        r->length = n < 0 ? r->length : r->length + (size_t) n;
    }
    va_end(args);
}

/* The library whose start this thread is in: a call back into it from its own start fails. */
static __thread const struct cffi4j_embedding *starting;

static int is_libjvm(struct dl_phdr_info *info, size_t size, void *path) {
    (void) size;
    const char *slash = strrchr(info->dlpi_name, '/');
    if (slash != NULL && strcmp(slash + 1, "libjvm.so") == 0) {
        snprintf((char *) path, 4096, "%s", info->dlpi_name);
        return 1;
    }
    return 0;
}

/* The JVM already running in this process, if any: the java launcher's, or one a library started. */
static JavaVM *running_jvm(void) {
    get_created_vms_fn created = (get_created_vms_fn) dlsym(RTLD_DEFAULT, "JNI_GetCreatedJavaVMs");
    char path[4096];
    if (created == NULL && dl_iterate_phdr(is_libjvm, path)) {
        /* loaded without RTLD_GLOBAL: ask that very object */
        void *handle = dlopen(path, RTLD_NOW | RTLD_NOLOAD);
        created = handle == NULL ? NULL : (get_created_vms_fn) dlsym(handle, "JNI_GetCreatedJavaVMs");
    }
    JavaVM *vm = NULL;
    jsize count = 0;
    return created != NULL && created(&vm, 1, &count) == JNI_OK && count > 0 ? vm : NULL;
}

/* JNI_CreateJavaVM of the first libjvm that loads, each place tried named in the report. */
static create_vm_fn load_libjvm(const struct cffi4j_embedding *lib, char *chosen, size_t size, struct report *r) {
    const char *places[3][2] = {
        {"CFFI4J_JAVA_HOME", getenv("CFFI4J_JAVA_HOME")},
        {"--java-home of the build", lib->java_home},
        {"JAVA_HOME", getenv("JAVA_HOME")},
    };
    say(r, "no JVM runs in this process, and none could be started; tried:\n");
    for (int i = 0; i < 3; i++) {
        const char *home = places[i][1];
        if (home == NULL || *home == '\0') {
            say(r, "  %s: not set\n", places[i][0]);
            continue;
        }
        char path[4096];
        snprintf(path, sizeof path, "%s/lib/server/libjvm.so", home);
        /* RTLD_GLOBAL: other embedded libraries of the process find this JVM through the symbol */
        void *handle = dlopen(path, RTLD_NOW | RTLD_GLOBAL);
        if (handle == NULL) {
            say(r, "  %s: %s\n", places[i][0], dlerror());
            continue;
        }
        create_vm_fn create = (create_vm_fn) dlsym(handle, "JNI_CreateJavaVM");
        if (create != NULL) {
            r->length = 0; /* found: what failed before does not matter */
            r->text[0] = '\0';
            snprintf(chosen, size, "%s of %s", path, places[i][0]);
            return create;
        }
        say(r, "  %s: %s has no JNI_CreateJavaVM\n", places[i][0], path);
    }
    say(r, "set CFFI4J_JAVA_HOME to a Java 25 (or later) installation");
    return NULL;
}

static const char *jni_error(jint code) {
    switch (code) {
    case JNI_EVERSION: return "it is too old (cffi4j needs Java 25 or later)";
    case JNI_ENOMEM: return "not enough memory";
    case JNI_EINVAL: return "an invalid option";
    case JNI_EEXIST: return "a JVM already exists in this process";
    default: return "see the JVM's message above";
    }
}

/* The library's class path: the build's, then CFFI4J_CLASSPATH. Freed by the caller. */
static char *class_path(const struct cffi4j_embedding *lib) {
    const char *more = getenv("CFFI4J_CLASSPATH");
    size_t length = strlen(lib->class_path) + (more == NULL ? 0 : strlen(more)) + 2;
    char *path = malloc(length);
    if (path != NULL) {
        snprintf(path, length, "%s%s%s", lib->class_path,
                 more != NULL && *more != '\0' && *lib->class_path != '\0' ? ":" : "", more == NULL ? "" : more);
    }
    return path;
}

/* Starts a JVM with the library's class path and the options of CFFI4J_JVM_OPTIONS. */
static JavaVM *start_jvm(const struct cffi4j_embedding *lib, const char *path, JNIEnv **env, struct report *r) {
    char chosen[4200];
    create_vm_fn create = load_libjvm(lib, chosen, sizeof chosen, r);
    if (create == NULL) {
        return NULL;
    }
    size_t length = strlen(path) + 32;
    char *class_path = malloc(length);
    char *words = strdup(getenv("CFFI4J_JVM_OPTIONS") == NULL ? "" : getenv("CFFI4J_JVM_OPTIONS"));
    JavaVMOption options[CFFI4J_MAX_OPTIONS];
    int n = 0;
    if (class_path == NULL || words == NULL) {
        say(r, "not enough memory to start the JVM");
        free(class_path);
        free(words);
        return NULL;
    }
    snprintf(class_path, length, "-Djava.class.path=%s", path);
    options[n++].optionString = class_path;
    /* upcall stubs are restricted methods; cffi4j and the plugin are on the class path */
    options[n++].optionString = "--enable-native-access=ALL-UNNAMED";
    /* the program owns its signals: the JVM must not take over Ctrl-C (SIGINT), SIGTERM or SIGHUP */
    options[n++].optionString = "-Xrs";
    for (char *save = NULL, *w = strtok_r(words, " \t\n", &save); w != NULL && n < CFFI4J_MAX_OPTIONS;
         w = strtok_r(NULL, " \t\n", &save)) {
        options[n++].optionString = w;
    }
    for (int i = 0; i < n; i++) {
        options[i].extraInfo = NULL;
    }
    JavaVMInitArgs args = {CFFI4J_JNI_VERSION, n, options, JNI_FALSE};
    JavaVM *vm = NULL;
    jint code = create(&vm, (void **) env, &args);
    if (code != JNI_OK) {
        say(r, "the JVM (%s) did not start: %s; its options were", chosen, jni_error(code));
        for (int i = 0; i < n; i++) {
            say(r, " %s", options[i].optionString);
        }
        say(r, " (CFFI4J_JVM_OPTIONS adds options; CFFI4J_CLASSPATH adds to the class path)");
        vm = NULL;
    }
    free(class_path);
    free(words);
    return vm;
}

/* The pending exception as text (its toString), cleared. */
static void say_exception(JNIEnv *env, struct report *r) {
    jthrowable t = (*env)->ExceptionOccurred(env);
    (*env)->ExceptionClear(env);
    if (t == NULL) {
        say(r, "(no exception)");
        return;
    }
    jclass throwable = (*env)->FindClass(env, "java/lang/Throwable");
    jmethodID to_string = throwable == NULL ? NULL
        : (*env)->GetMethodID(env, throwable, "toString", "()Ljava/lang/String;");
    jstring text = to_string == NULL ? NULL : (jstring) (*env)->CallObjectMethod(env, t, to_string);
    const char *chars = text == NULL || (*env)->ExceptionCheck(env) ? NULL
        : (*env)->GetStringUTFChars(env, text, NULL);
    if (chars == NULL) {
        (*env)->ExceptionClear(env);
        say(r, "an exception that cannot be shown");
        return;
    }
    say(r, "%s", chars);
    (*env)->ReleaseStringUTFChars(env, text, chars);
}

/* The loader of the implementing class: a Java thread's context loader, else the system loader;
   NULL with an exception pending if a call failed. Every JNI call is followed by its check. */
static jobject class_loader(JNIEnv *env, int java_thread) {
    if (java_thread) {
        jclass thread = (*env)->FindClass(env, "java/lang/Thread");
        jmethodID current = thread == NULL ? NULL
            : (*env)->GetStaticMethodID(env, thread, "currentThread", "()Ljava/lang/Thread;");
        jmethodID context = current == NULL ? NULL
            : (*env)->GetMethodID(env, thread, "getContextClassLoader", "()Ljava/lang/ClassLoader;");
        jobject self = context == NULL ? NULL : (*env)->CallStaticObjectMethod(env, thread, current);
        jobject loader = self == NULL || (*env)->ExceptionCheck(env) ? NULL
            : (*env)->CallObjectMethod(env, self, context);
        if ((*env)->ExceptionCheck(env)) {
            return NULL;
        }
        if (loader != NULL) {
            return loader;
        }
    }
    jclass loaders = (*env)->FindClass(env, "java/lang/ClassLoader");
    jmethodID system = loaders == NULL ? NULL
        : (*env)->GetStaticMethodID(env, loaders, "getSystemClassLoader", "()Ljava/lang/ClassLoader;");
    jobject loader = system == NULL ? NULL : (*env)->CallStaticObjectMethod(env, loaders, system);
    return (*env)->ExceptionCheck(env) ? NULL : loader;
}

/* cffi4j's Java side, EmbeddedLibrary, through `loader`; NULL with a report if it is not there. */
static jclass java_side(JNIEnv *env, jobject loader, const struct cffi4j_embedding *lib, struct report *r) {
    jclass loaders = (*env)->FindClass(env, "java/lang/ClassLoader");
    jmethodID load = loaders == NULL ? NULL
        : (*env)->GetMethodID(env, loaders, "loadClass", "(Ljava/lang/String;)Ljava/lang/Class;");
    jstring name = load == NULL ? NULL : (*env)->NewStringUTF(env, "org.cffi4j.support.EmbeddedLibrary");
    jclass side = name == NULL ? NULL : (jclass) (*env)->CallObjectMethod(env, loader, load, name);
    if ((*env)->ExceptionCheck(env) || side == NULL) {
        /* a JVM of Java 21 to 24 starts, then cannot read cffi4j's class files */
        jthrowable pending = (*env)->ExceptionOccurred(env);
        (*env)->ExceptionClear(env);
        jclass too_old = (*env)->FindClass(env, "java/lang/UnsupportedClassVersionError");
        if (pending != NULL && too_old != NULL && (*env)->IsInstanceOf(env, pending, too_old)) {
            say(r, "the JVM is older than the cffi4j on its class path, which needs Java 25 or later: ");
        } else {
            say(r, "cffi4j (its org.cffi4j.support.EmbeddedLibrary) is not on the JVM's class path: ");
        }
        (*env)->ExceptionClear(env);
        if (pending != NULL) {
            (*env)->Throw(env, pending); /* for say_exception */
        }
        say_exception(env, r);
        say(r, "\nthe library's class path is the build's --classpath (%s) plus CFFI4J_CLASSPATH (%s)",
            lib->class_path, getenv("CFFI4J_CLASSPATH") == NULL ? "not set" : getenv("CFFI4J_CLASSPATH"));
        return NULL;
    }
    return side;
}

/* Asks cffi4j's Java side to fill the slots; returns whether it did. */
static int fill_slots(
    JNIEnv *env, const struct cffi4j_embedding *lib, const char *path, int java_thread, struct report *r) {
    jobject loader = class_loader(env, java_thread);
    if (loader == NULL) {
        say(r, "no class loader to load the class with: ");
        say_exception(env, r);
        return 0;
    }
    jclass side = java_side(env, loader, lib, r);
    if (side == NULL) {
        return 0;
    }
    jmethodID start = (*env)->GetStaticMethodID(env, side, "start",
        "(Ljava/lang/ClassLoader;Ljava/lang/String;Ljava/lang/String;Ljava/lang/String;Ljava/lang/String;J"
        "Ljava/lang/String;)Ljava/lang/String;");
    if (start == NULL) {
        (*env)->ExceptionClear(env);
        say(r, "the cffi4j on the class path has no EmbeddedLibrary.start: it is older than the library's build");
        return 0;
    }
    jstring args[5] = {(*env)->NewStringUTF(env, lib->library), (*env)->NewStringUTF(env, lib->java_class),
                       (*env)->NewStringUTF(env, lib->cdef), (*env)->NewStringUTF(env, lib->names),
                       (*env)->NewStringUTF(env, path)};
    jstring error = NULL;
    if (!(*env)->ExceptionCheck(env)) {
        error = (jstring) (*env)->CallStaticObjectMethod(env, side, start, loader, args[0], args[1], args[2],
                                                         args[3], (jlong) (size_t) lib->slots, args[4]);
    }
    if ((*env)->ExceptionCheck(env)) {
        say_exception(env, r);
        return 0;
    }
    if (error != NULL) {
        const char *chars = (*env)->GetStringUTFChars(env, error, NULL);
        say(r, "%s", chars == NULL ? "(a report too large for the memory left)" : chars);
        if (chars != NULL) {
            (*env)->ReleaseStringUTFChars(env, error, chars);
        }
        (*env)->ExceptionClear(env);
        return 0;
    }
    return 1;
}

/* Finds or starts the JVM, fills the slots, and leaves this thread as attached as it was. */
static int start_with(struct cffi4j_embedding *lib, const char *path, struct report *r) {
    JNIEnv *env = NULL;
    int java_thread = 0;
    JavaVM *vm = running_jvm();
    if (vm != NULL) {
        jint code = (*vm)->GetEnv(vm, (void **) &env, CFFI4J_JNI_VERSION);
        java_thread = code == JNI_OK;
        if (code == JNI_EDETACHED && (*vm)->AttachCurrentThreadAsDaemon(vm, (void **) &env, NULL) != JNI_OK) {
            say(r, "this thread could not attach to the JVM running in the process");
            return 0;
        }
        if (code != JNI_OK && code != JNI_EDETACHED) {
            say(r, "the JVM running in the process does not support JNI %x", CFFI4J_JNI_VERSION);
            return 0;
        }
    } else if ((vm = start_jvm(lib, path, &env, r)) == NULL) {
        return 0;
    }
    lib->vm = vm;
    (*env)->PushLocalFrame(env, 32);
    int ok = fill_slots(env, lib, path, java_thread, r);
    (*env)->PopLocalFrame(env, NULL);
    if (!java_thread) {
        /* the upcall stubs attach a C thread while it calls Java, as the JVM needs */
        (*vm)->DetachCurrentThread(vm);
    }
    return ok;
}

static int start(struct cffi4j_embedding *lib, struct report *r) {
    char *path = class_path(lib);
    if (path == NULL) {
        say(r, "not enough memory to start");
        return 0;
    }
    int ok = start_with(lib, path, r);
    free(path);
    return ok;
}

__thread int cffi4j_thread_attached __attribute__((tls_model("initial-exec")));
static __thread int attach_reported;
static pthread_key_t detach_key;
static pthread_once_t detach_key_once = PTHREAD_ONCE_INIT;

/* At the end of a thread this library attached: a thread that ends attached leaks in the JVM. */
static void detach(void *vm) {
    (*(JavaVM *) vm)->DetachCurrentThread((JavaVM *) vm);
}

static void make_detach_key(void) {
    pthread_key_create(&detach_key, detach);
}

/* This thread's stack size, for the report of a thread the JVM refused. */
static size_t stack_size(void) {
    pthread_attr_t attr;
    size_t size = 0;
    if (pthread_getattr_np(pthread_self(), &attr) == 0) {
        pthread_attr_getstacksize(&attr, &size);
        pthread_attr_destroy(&attr);
    }
    return size;
}

/* Attaches this thread here, where a refusal can be reported: the JVM's upcall stubs attach a thread
   they do not know too, but abort the process when they cannot (a C thread with a small stack). */
static int attach_this_thread(struct cffi4j_embedding *lib) {
    JavaVM *vm = (JavaVM *) lib->vm;
    JNIEnv *env;
    if ((*vm)->GetEnv(vm, (void **) &env, CFFI4J_JNI_VERSION) == JNI_OK) {
        cffi4j_thread_attached = 1; /* a Java thread, or one attached by someone else */
        return 1;
    }
    char name[256];
    snprintf(name, sizeof name, "C thread calling %s", lib->library);
    JavaVMAttachArgs args = {CFFI4J_JNI_VERSION, name, NULL};
    if ((*vm)->AttachCurrentThreadAsDaemon(vm, (void **) &env, &args) != JNI_OK) {
        if (!attach_reported) {
            attach_reported = 1;
            fprintf(stderr, "cffi4j: %s: this C thread (stack of %zu KiB) cannot call Java: the JVM refused to"
                            " attach it (a thread's stack needs room for the JVM's guard pages and frames: give"
                            " it 256 KiB or more); the call returns zero\n",
                    lib->library, stack_size() / 1024);
            fflush(stderr);
        }
        return 0;
    }
    pthread_once(&detach_key_once, make_detach_key);
    pthread_setspecific(detach_key, vm);
    cffi4j_thread_attached = 1;
    return 1;
}

/* The library started in this process (one per library: each has its own copy of this file). */
static struct cffi4j_embedding *started;

/* In the child of a fork after the start: the JVM's threads were not copied, so a call into Java
   would hang or crash; the library fails instead (only a store: a fork handler may do little). */
static void forked(void) {
    __atomic_store_n(&started->state, CFFI4J_FORKED, __ATOMIC_RELEASE);
}

int cffi4j_start(struct cffi4j_embedding *lib) {
    if (__atomic_load_n(&lib->state, __ATOMIC_ACQUIRE) == CFFI4J_FORKED) {
        pthread_mutex_lock(&lib->lock); /* the forking thread held no lock of ours: it was READY */
        if (lib->state == CFFI4J_FORKED) {
            fprintf(stderr, "cffi4j: %s: this process was forked after the library started its JVM, whose threads"
                            " a fork does not copy: Java cannot run here, and every function of %s returns zero"
                            " (start the JVM after fork, in each child)\n", lib->library, lib->library);
            fflush(stderr);
            __atomic_store_n(&lib->state, CFFI4J_FAILED, __ATOMIC_RELEASE);
        }
        pthread_mutex_unlock(&lib->lock);
        return 0;
    }
    if (starting == lib) {
        fprintf(stderr, "cffi4j: %s: a function of the library was called while the library was starting"
                        " (by the static initialiser of %s?); it returns zero\n", lib->library, lib->java_class);
        return 0;
    }
    if (__atomic_load_n(&lib->state, __ATOMIC_ACQUIRE) == CFFI4J_READY) {
        return attach_this_thread(lib); /* started: a thread's first call */
    }
    pthread_mutex_lock(&lib->lock);
    if (__atomic_load_n(&lib->state, __ATOMIC_ACQUIRE) == CFFI4J_UNSTARTED) {
        static struct report r; /* under the lock; too big for a small thread's stack */
        r.length = 0;
        r.text[0] = '\0';
        starting = lib;
        int ok = start(lib, &r);
        starting = NULL;
        if (!ok) {
            fprintf(stderr, "cffi4j: %s cannot call its Java methods (%s): %s\n"
                            "cffi4j: every function of %s returns zero (a zero-filled struct)\n",
                    lib->library, lib->java_class, r.text, lib->library);
            fflush(stderr);
        }
        if (ok) {
            started = lib;
            pthread_atfork(NULL, NULL, forked);
        }
        __atomic_store_n(&lib->state, ok ? CFFI4J_READY : CFFI4J_FAILED, __ATOMIC_RELEASE);
    }
    int ready = __atomic_load_n(&lib->state, __ATOMIC_ACQUIRE) == CFFI4J_READY;
    pthread_mutex_unlock(&lib->lock);
    return ready && attach_this_thread(lib);
}

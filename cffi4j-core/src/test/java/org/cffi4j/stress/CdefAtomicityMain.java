package org.cffi4j.stress;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import org.cffi4j.CData;
import org.cffi4j.CDefException;
import org.cffi4j.FFI;
import org.cffi4j.FFIException;
import org.cffi4j.Library;

/**
 * The forked JVM of {@link CdefAtomicityStressTest}. Each round declares {@value #TYPES} structs and
 * enums without a body; a writer thread then gives each, in turn, a wrong body in a cdef that fails
 * (after more declarations, so that the failing cdef runs a while) and the right body in a cdef
 * that succeeds, while a second writer runs failing and succeeding cdefs of unrelated new types.
 * Reader threads meanwhile allocate and use the type the writer is working on: each attempt must
 * either fail with an {@link FFIException} because the type is incomplete, or see exactly the
 * right body, and once complete a type stays complete. The readers fill what they allocate with C's
 * {@code memset} over {@code sizeof}, so a size that changed under them overwrites the C heap.
 *
 * <p>Output: one {@code VIOLATION ...} line per broken rule, then {@code DONE rounds attempts}.
 */
public final class CdefAtomicityMain {
    static final int TYPES = 12;
    private static final int READERS = 3;

    private final FFI ffi = new FFI();
    private final Library libc;
    private final AtomicInteger current = new AtomicInteger();
    private final AtomicBoolean writing = new AtomicBoolean(true);
    // Whether some reader has allocated the type: from then on, every allocation must succeed.
    private final AtomicIntegerArray completeSeen = new AtomicIntegerArray(TYPES);
    private final Queue<String> violations;
    private final AtomicLong attempts;

    private CdefAtomicityMain(Queue<String> violations, AtomicLong attempts) {
        this.violations = violations;
        this.attempts = attempts;
        StringBuilder base = new StringBuilder("void *memset(void *s, int c, size_t n);\n");
        for (int k = 0; k < TYPES; k++) {
            base.append("struct fwd_%1$d; typedef struct fwd_%1$d fwd_%1$d_t; enum efwd_%1$d; struct wrap_%1$d;\n"
                    .formatted(k));
        }
        ffi.cdef(base.toString());
        libc = ffi.dlopen(null);
    }

    /** Runs rounds for the number of milliseconds given as the first argument. */
    public static void main(String[] args) throws InterruptedException {
        long end = System.nanoTime() + Long.parseLong(args[0]) * 1_000_000L;
        Queue<String> violations = new ConcurrentLinkedQueue<>();
        AtomicLong attempts = new AtomicLong();
        int rounds = 0;
        do {
            new CdefAtomicityMain(violations, attempts).round();
            rounds++;
        } while (System.nanoTime() < end && violations.isEmpty());
        violations.stream().limit(20).forEach(v -> System.out.println("VIOLATION " + v));
        System.out.println("DONE " + rounds + " " + attempts.get());
    }

    private void round() throws InterruptedException {
        List<Thread> threads = new java.util.ArrayList<>();
        threads.add(Thread.ofPlatform().start(this::completeEachInTurn));
        threads.add(Thread.ofPlatform().start(this::unrelatedCdefs));
        for (int i = 0; i < READERS; i++) {
            threads.add(Thread.ofPlatform().start(this::read));
        }
        for (Thread t : threads) {
            t.join();
        }
        for (int k = 0; k < TYPES; k++) {
            if (ffi.sizeof("struct fwd_" + k) != 8 || ffi.integerConst("EOK_" + k) != k) {
                violations.add("after the round, struct fwd_" + k + " or enum efwd_" + k + " is not as declared");
            }
        }
    }

    // The failing cdef completes the type with a 1-byte body, then goes on declaring before it fails.
    private void completeEachInTurn() {
        try {
            for (int k = 0; k < TYPES; k++) {
                current.set(k);
                StringBuilder failing = new StringBuilder(
                        "struct fwd_%1$d { char wrong; }; enum efwd_%1$d { EWRONG_%1$d = 5000000000 };\n".formatted(k));
                failing.append("typedef fwd_%1$d_t *fwd_%1$d_ptr;\n".formatted(k));
                for (int i = 0; i < 100; i++) {
                    failing.append("typedef int filler_%d_%d[%d];\n".formatted(k, i, i + 1));
                }
                failing.append("int int;\n");
                for (int attempt = 0; attempt < 3; attempt++) {
                    try {
                        ffi.cdef(failing.toString());
                        violations.add("the failing cdef of struct fwd_" + k + " succeeded");
                    } catch (CDefException expected) {
                        // as it must
                    }
                }
                // wrap_k holds a fwd_k: once a thread sees wrap_k complete, it must see fwd_k complete too.
                ffi.cdef(("struct fwd_%1$d { int a; int b; }; enum efwd_%1$d { EOK_%1$d = %1$d };"
                                + " struct wrap_%1$d { int z; struct fwd_%1$d f; };")
                        .formatted(k));
            }
        } finally {
            writing.set(false);
        }
    }

    private void unrelatedCdefs() {
        for (int n = 0; writing.get(); n++) {
            try {
                ffi.cdef("struct fresh_%1$d { long v[%2$d]; }; int int;".formatted(n, n % 5 + 1));
                violations.add("a failing cdef of struct fresh_" + n + " succeeded");
            } catch (CDefException expected) {
                // as it must
            }
            ffi.cdef("struct fresh_%1$d { long v[%2$d]; };".formatted(n, n % 5 + 1));
            if (ffi.sizeof("struct fresh_" + n) != 8L * (n % 5 + 1)) {
                violations.add("struct fresh_" + n + " has the wrong size");
            }
        }
    }

    private void read() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (writing.get()) {
            int k = random.nextInt(8) == 0 ? random.nextInt(TYPES) : current.get();
            attempts.incrementAndGet();
            readStruct(k);
            readWrapper(k);
            readEnum(k);
            mustFail(() -> ffi.typeOf("fwd_" + k + "_ptr"), "typedef fwd_" + k + "_ptr of a failed cdef");
            mustFail(() -> ffi.integerConst("EWRONG_" + k), "constant EWRONG_" + k + " of a failed cdef");
        }
    }

    private void readStruct(int k) {
        String type = "struct fwd_" + k;
        boolean wasComplete = completeSeen.get(k) != 0; // read before the attempt: it must then succeed
        CData p;
        try {
            p = ffi.alloc(type + " *");
        } catch (FFIException e) {
            if (wasComplete) {
                violations.add(type + " was complete and is not any more: " + e.getMessage());
            } else if (!e.getMessage().contains("incomplete")) {
                violations.add(type + ": unexpected " + e);
            }
            return;
        }
        completeSeen.set(k, 1);
        long size = ffi.sizeof(type);
        if (size != 8 || ffi.offsetof(type, "b") != 4) {
            violations.add(type + " was allocated with the body of a failed cdef: sizeof " + size);
            return;
        }
        libc.call("memset", p, 0x5A, size);
        p.set("b", 1234);
        if (!Integer.valueOf(1234).equals(p.get("b"))
                || !Integer.valueOf(0x5A5A5A5A).equals(p.get("a"))) {
            violations.add(type + ": members read back wrong");
        }
    }

    private void readWrapper(int k) {
        CData w;
        try {
            w = ffi.alloc("struct wrap_" + k + " *");
        } catch (FFIException e) {
            return; // not complete yet
        }
        try {
            CData inner = (CData) w.get("f");
            inner.set("b", 77);
            if (!Integer.valueOf(77).equals(inner.get("b")) || ffi.sizeof("struct wrap_" + k) != 12) {
                violations.add("struct wrap_" + k + ": its struct fwd_" + k + " member reads back wrong");
            }
        } catch (FFIException e) {
            violations.add("struct wrap_" + k + " is complete but its member's type is not: " + e.getMessage());
        }
    }

    private void readEnum(int k) {
        try {
            long size = ffi.sizeof("enum efwd_" + k);
            if (size != 4 || ffi.integerConst("EOK_" + k) != k) {
                violations.add("enum efwd_" + k + " has the body of a failed cdef: sizeof " + size);
            }
        } catch (FFIException e) {
            if (!e.getMessage().contains("incomplete") && !e.getMessage().contains("EOK_")) {
                violations.add("enum efwd_" + k + ": unexpected " + e);
            }
        }
    }

    private void mustFail(Runnable r, String what) {
        try {
            r.run();
            violations.add(what + " is visible");
        } catch (FFIException expected) {
            // as it must
        }
    }
}

package org.cffi4j.internal.upcall;

import java.lang.classfile.ClassFile;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.cffi4j.internal.invoke.MethodLookup;

/**
 * Stack headroom for callbacks nested in callbacks (C calling Java calling C calling Java...).
 *
 * <p>When C calls back into Java, the JDK's own upcall frames run before any cffi4j code: if one
 * of them overflows the stack, the JVM aborts ("Unrecoverable uncaught exception"), and nothing in
 * Java can catch it. In a C→Java→C recursion the stack usually runs out in the C part of a level
 * (C frames never check), so the next upcall's first Java frame is the one that overflows. To keep
 * that from happening, a callback entered while this thread is already inside a callback first
 * checks that {@link #BYTES} more bytes of stack are there, beyond the JVM's own shadow zone; if
 * not, it is not run: C gets its error value and the report is a {@link StackOverflowError}. A
 * recursion whose levels (the callback's Java frames plus the C frames up to the next callback)
 * each take less than that is therefore always stopped in Java.
 *
 * <p>Java cannot read the stack pointer, so the check asks the JVM: it calls a method whose
 * interpreter frame has {@link #BYTES} of locals. The interpreter compares the frame's size with
 * the thread's stack limit before building it and throws {@code StackOverflowError} if it does
 * not fit. The method is larger than HotSpot compiles ({@code -XX:HugeMethodLimit}, 8,000 bytes
 * of bytecode), so it always runs in the interpreter (unless {@code -XX:-DontCompileHugeMethods}
 * is given). It costs about a microsecond, paid only by nested callbacks; the nesting count, paid
 * by every callback, is one thread-local lookup.
 */
final class StackHeadroom {
    /** The headroom a nested callback needs beyond the JVM's shadow zone. */
    static final int BYTES = 32 * 1024;

    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    // Made with the first callback (see prepare()), not with the class: a program without
    // callbacks does not pay for it.
    private static final class Probe {
        static final MethodHandle PROBE = probe(BYTES / 8);
        static final StackOverflowError NO_HEADROOM = new NoHeadroom();

        static void init() {
            // initialising this class makes the probe
        }
    }

    private StackHeadroom() {}

    /** This thread's nesting of callbacks: how many it is inside of. */
    static int[] depth() {
        return DEPTH.get();
    }

    /**
     * Returns if {@link #BYTES} more bytes of stack are there.
     *
     * @throws StackOverflowError (preallocated, so that throwing it needs no heap) if not
     */
    /**
     * Makes the probe now, when a callback is made: class initialisation that overflowed the stack
     * in a callback would leave the class unusable for good.
     */
    static void prepare() {
        Probe.init();
    }

    static void check() {
        try {
            Probe.PROBE.invokeExact();
        } catch (StackOverflowError e) {
            throw Probe.NO_HEADROOM;
        } catch (Throwable t) {
            throw new IllegalStateException(t); // the probe throws nothing else
        }
    }

    // static void probe(): a frame of `locals` slots whose bytecode is too large to compile.
    private static MethodHandle probe(int locals) {
        ClassDesc self = ClassDesc.of(StackHeadroom.class.getPackageName() + ".HeadroomProbe");
        byte[] bytes = ClassFile.of()
                .build(
                        self,
                        cb -> cb.withFlags(ClassFile.ACC_FINAL | ClassFile.ACC_SYNTHETIC)
                                .withMethodBody("probe", ConstantDescs.MTD_void, ClassFile.ACC_STATIC, code -> {
                                    code.iconst_0().istore(locals - 1).return_();
                                    for (int i = 0; i < 9_000; i++) {
                                        code.nop(); // never run: only makes the method too large to compile
                                    }
                                    code.return_();
                                }));
        return MethodLookup.staticOfHiddenClass(
                MethodHandles.lookup(), bytes, "probe", MethodType.methodType(void.class));
    }

    /** The report of a nested callback refused for want of stack: no stack trace, made once. */
    private static final class NoHeadroom extends StackOverflowError {
        private static final long serialVersionUID = 1L;

        NoHeadroom() {
            super("a callback was called back from C with less than " + BYTES / 1024 + " KB of stack left,"
                    + " nested in another callback: it was not run, and C got its error value");
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }

        @Override
        public String toString() {
            return StackOverflowError.class.getName() + ": " + getMessage(); // no internal class name
        }
    }
}

package org.cffi4j.internal.upcall;

import java.lang.classfile.ClassFile;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.classfile.TypeKind;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.cffi4j.internal.invoke.MethodLookup;

/**
 * The last line of defence of a callback: the first Java frame cffi4j puts under the JDK's upcall
 * stub, written in bytecode so that what it does after the Java function threw needs neither
 * stack nor heap. An exception that escapes into the JDK's upcall code ends the JVM; a {@code
 * StackOverflowError} or {@code OutOfMemoryError} may leave no room for even a call. So the
 * guard's handler makes no call and allocates nothing to give C the error value: it tries the
 * report in a nested {@code try}, and if even that fails, keeps the exception with two plain array
 * stores for a later report ({@link UpcallSink}). One guard class is made per carrier signature:
 *
 * <pre>{@code
 * static R call(UpcallSink s, A1 a1, ..., An an) {
 *     Throwable[] pending = s.pending; int[] lost = s.lost; R error = s.errR; int[] depth = null;
 *     try {
 *         depth = s.enter();
 *         R r = s.target.invokeExact(a1, ..., an);
 *         depth[0]--;
 *         if (pending[0] != null) try { s.drain(); } catch (Throwable stillNoRoom) {}
 *         return r;
 *     } catch (Throwable t) {
 *         if (depth != null) depth[0]--;
 *         try { s.report(t); } catch (Throwable noRoom) {
 *             if (pending[0] == null) pending[0] = t; else lost[0]++;
 *         }
 *         return error;
 *     }
 * }
 * }</pre>
 */
final class UpcallGuard {
    private static final ClassDesc SINK = ClassDesc.of(UpcallSink.class.getName());
    private static final ClassDesc THROWABLE = ClassDesc.of("java.lang.Throwable");
    private static final ClassDesc THROWABLES = THROWABLE.arrayType();
    private static final ClassDesc INTS = ConstantDescs.CD_int.arrayType();
    private static final Map<MethodType, MethodHandle> GUARDS = new ConcurrentHashMap<>();

    private UpcallGuard() {}

    /** The stub's target for {@code sink}: its target's type, guarded. */
    static MethodHandle guard(UpcallSink sink) {
        MethodType carriers = sink.target.type();
        MethodHandle call = GUARDS.computeIfAbsent(carriers, UpcallGuard::define);
        return MethodHandles.insertArguments(call, 0, sink);
    }

    private static MethodHandle define(MethodType carriers) {
        MethodType withSink = carriers.insertParameterTypes(0, UpcallSink.class);
        ClassDesc self = ClassDesc.of(UpcallGuard.class.getPackageName() + ".Guard");
        byte[] bytes = ClassFile.of()
                .build(
                        self,
                        cb -> cb.withFlags(ClassFile.ACC_FINAL | ClassFile.ACC_SYNTHETIC)
                                .withMethodBody(
                                        "call",
                                        MethodTypeDesc.ofDescriptor(withSink.descriptorString()),
                                        ClassFile.ACC_STATIC,
                                        code -> body(code, carriers)));
        return MethodLookup.staticOfHiddenClass(MethodHandles.lookup(), bytes, "call", withSink);
    }

    private static void body(CodeBuilder code, MethodType carriers) {
        Class<?> ret = carriers.returnType();
        TypeKind retKind = TypeKind.from(ret);
        MethodTypeDesc targetDesc = MethodTypeDesc.ofDescriptor(carriers.descriptorString());
        int pending = code.allocateLocal(TypeKind.REFERENCE);
        int lost = code.allocateLocal(TypeKind.REFERENCE);
        int depth = code.allocateLocal(TypeKind.REFERENCE);
        int thrown = code.allocateLocal(TypeKind.REFERENCE);
        int error = ret == void.class ? -1 : code.allocateLocal(retKind);
        int result = ret == void.class ? -1 : code.allocateLocal(retKind);

        // Everything the handler uses is loaded into locals first: no field to resolve there.
        code.aload(0).getfield(SINK, "pending", THROWABLES).astore(pending);
        code.aload(0).getfield(SINK, "lost", INTS).astore(lost);
        if (error >= 0) {
            code.aload(0).getfield(SINK, errorField(ret), errorType(ret)).storeLocal(retKind, error);
        }
        code.aconst_null().astore(depth);

        Label tryStart = code.newBoundLabel();
        code.aload(0).invokevirtual(SINK, "enter", MethodTypeDesc.of(INTS)).astore(depth);
        code.aload(0).getfield(SINK, "target", ConstantDescs.CD_MethodHandle);
        int slot = 1;
        for (Class<?> p : carriers.parameterList()) {
            TypeKind k = TypeKind.from(p);
            code.loadLocal(k, slot);
            slot += k.slotSize();
        }
        code.invokevirtual(ConstantDescs.CD_MethodHandle, "invokeExact", targetDesc);
        if (result >= 0) {
            code.storeLocal(retKind, result);
        }
        Label tryEnd = code.newBoundLabel();
        decrement(code, depth);
        Label done = code.newLabel();
        code.aload(pending).iconst_0().aaload().ifnull(done);
        Label drainStart = code.newBoundLabel();
        code.aload(0).invokevirtual(SINK, "drain", ConstantDescs.MTD_void);
        Label drainEnd = code.newBoundLabel();
        code.goto_(done);
        Label drainFailed = code.newBoundLabel();
        code.pop().goto_(done);
        code.labelBinding(done);
        returnLocal(code, retKind, result);

        Label thrownHandler = code.newBoundLabel();
        code.astore(thrown);
        Label depthDone = code.newLabel();
        code.aload(depth).ifnull(depthDone);
        decrement(code, depth);
        code.labelBinding(depthDone);
        Label reportStart = code.newBoundLabel();
        code.aload(0).aload(thrown).invokevirtual(SINK, "report", MethodTypeDesc.of(ConstantDescs.CD_void, THROWABLE));
        Label reportEnd = code.newBoundLabel();
        Label giveError = code.newLabel();
        code.goto_(giveError);
        Label noRoom = code.newBoundLabel();
        code.pop();
        Label more = code.newLabel();
        code.aload(pending).iconst_0().aaload().ifnonnull(more);
        code.aload(pending).iconst_0().aload(thrown).aastore().goto_(giveError);
        code.labelBinding(more);
        code.aload(lost).iconst_0().dup2().iaload().iconst_1().iadd().iastore();
        code.labelBinding(giveError);
        returnLocal(code, retKind, error);

        code.exceptionCatch(drainStart, drainEnd, drainFailed, THROWABLE);
        code.exceptionCatch(reportStart, reportEnd, noRoom, THROWABLE);
        code.exceptionCatch(tryStart, tryEnd, thrownHandler, THROWABLE);
    }

    // depth[0]--
    private static void decrement(CodeBuilder code, int depth) {
        code.aload(depth).iconst_0().dup2().iaload().iconst_1().isub().iastore();
    }

    private static void returnLocal(CodeBuilder code, TypeKind kind, int local) {
        if (local < 0) {
            code.return_();
        } else {
            code.loadLocal(kind, local).return_(kind);
        }
    }

    private static String errorField(Class<?> carrier) {
        return carrier == MemorySegment.class
                ? "errSegment"
                : "err" + Character.toUpperCase(carrier.getName().charAt(0))
                        + carrier.getName().substring(1);
    }

    private static ClassDesc errorType(Class<?> carrier) {
        return carrier.describeConstable().orElseThrow();
    }
}

package org.cffi4j.internal.bind;

import java.lang.classfile.ClassFile;
import java.lang.classfile.TypeKind;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.DynamicConstantDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.cffi4j.FFIException;
import org.cffi4j.ctype.CType;
import org.cffi4j.ctype.PointerType;
import org.cffi4j.ctype.StructType;
import org.cffi4j.internal.invoke.MethodLookup;
import org.cffi4j.internal.upcall.ModuleAccess;

/**
 * Typed views of structs: an interface of accessors ({@code int x(); void x(int v);}) implemented
 * over a struct's memory by a hidden class whose methods call constant handles (a {@code VarHandle}
 * at the member's offset), so that an access costs what a raw FFM {@code VarHandle} does. The
 * interface is checked against the struct's members once per struct type, every bad method listed
 * at once; the class is made once per interface and struct type, and each view is one object
 * holding the memory.
 */
public final class StructViews {
    private static final ClassDesc SEGMENT = ClassDesc.of("java.lang.foreign.MemorySegment");
    private static final String TARGET = "memory";
    private static final MethodHandle RELEASED;

    static {
        RELEASED = MethodLookup.findStatic(
                MethodHandles.lookup(),
                StructViews.class,
                "released",
                MethodType.methodType(FFIException.class, String.class, IllegalStateException.class));
    }

    // The constructor of each interface's view class, (MemorySegment)iface, per struct type.
    private static final ClassValue<Map<StructType, MethodHandle>> MAKERS = new ClassValue<>() {
        @Override
        protected Map<StructType, MethodHandle> computeValue(Class<?> iface) {
            return new ConcurrentHashMap<>();
        }
    };

    private StructViews() {}

    /**
     * A view through {@code iface} of the struct or union of type {@code type} (or that a pointer
     * of that type points to) in {@code memory}, asked for once the interface is checked.
     *
     * @throws FFIException if {@code type} is no struct or union (or pointer to one), {@code iface}
     *     is not an interface or a method does not fit a member, or the memory is NULL or too small
     */
    public static <T> T view(Class<T> iface, CType type, Supplier<MemorySegment> memory) {
        StructType s = type instanceof StructType q
                ? q
                : type instanceof PointerType p && p.target() instanceof StructType q ? q : null;
        if (s == null) {
            throw new FFIException("view(" + iface.getSimpleName()
                    + ") needs a cdata of a struct or union, or a pointer" + " to one, not '" + type + "'");
        }
        long size = s.byteSize(); // an incomplete struct says so
        MethodHandle maker = maker(iface, s);
        MemorySegment m = memory.get();
        if (m.address() == 0) {
            throw new FFIException("NULL pointer dereference viewing '" + type + "' through " + iface.getSimpleName());
        }
        if (m.byteSize() < size) {
            throw new FFIException("cannot view '" + type + "' through " + iface.getSimpleName() + ": it points into a"
                    + " block of " + m.byteSize() + " bytes, and '" + s + "' takes " + size);
        }
        try {
            return iface.cast((Object) maker.invokeExact(m));
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    // (MemorySegment)Object; a nested view's, asked while its outer view is checked, too.
    private static MethodHandle maker(Class<?> iface, StructType s) {
        Map<StructType, MethodHandle> byStruct = MAKERS.get(iface);
        MethodHandle m = byStruct.get(s);
        if (m == null) {
            m = define(iface, s);
            MethodHandle raced = byStruct.putIfAbsent(s, m);
            m = raced != null ? raced : m;
        }
        return m;
    }

    private static MethodHandle define(Class<?> iface, StructType s) {
        if (!iface.isInterface()) {
            throw new FFIException("view needs an interface of accessors, not " + iface.getName());
        }
        Method[] all = iface.getMethods();
        Arrays.sort(all, Comparator.comparing(Method::getName).thenComparing(Method::toGenericString));
        List<Method> methods = new ArrayList<>();
        List<MethodHandle> handles = new ArrayList<>();
        BindingErrors errors = BindingErrors.ofView(iface, s);
        String what = "a view of '" + s + "' (" + iface.getSimpleName() + ")";
        for (Method m : all) {
            if (!Modifier.isAbstract(m.getModifiers())) {
                continue;
            }
            try {
                MethodHandle h = ViewAccessors.of(
                        s, m, (inner, t) -> maker(inner, t).asType(MethodType.methodType(inner, MemorySegment.class)));
                handles.add(releasedAsFFIException(h, what));
                methods.add(m);
            } catch (FFIException e) {
                errors.add(m, e);
            }
        }
        errors.throwIfAny();
        MethodHandles.Lookup host = BindingHost.of(iface)
                .orElseThrow(() -> new FFIException(
                        "cannot view '" + s + "' through " + iface.getName() + ": " + ModuleAccess.advice(iface)));
        try {
            MethodHandles.Lookup hidden =
                    host.defineHiddenClassWithClassData(bytes(host, iface, methods), List.copyOf(handles), true);
            return hidden.findConstructor(hidden.lookupClass(), MethodType.methodType(void.class, MemorySegment.class))
                    .asType(MethodType.methodType(Object.class, MemorySegment.class));
        } catch (ReflectiveOperationException e) {
            throw new FFIException("cannot implement " + iface.getName() + ": " + e, e);
        }
    }

    // Memory released under a view: FFM's IllegalStateException, said as cffi4j says it.
    private static MethodHandle releasedAsFFIException(MethodHandle h, String what) {
        MethodHandle thrower = MethodHandles.filterReturnValue(
                RELEASED.bindTo(what), MethodHandles.throwException(h.type().returnType(), FFIException.class));
        return MethodHandles.catchException(
                h,
                IllegalStateException.class,
                MethodHandles.dropArguments(thrower, 1, h.type().parameterList()));
    }

    private static FFIException released(String what, IllegalStateException e) {
        return new FFIException(
                "use of " + what + " after its memory was released (ffi.release, or its scope was" + " closed)");
    }

    // A final class with the memory as a final field, each method calling its handle i on it.
    private static byte[] bytes(MethodHandles.Lookup host, Class<?> iface, List<Method> methods) {
        String pkg = host.lookupClass().getPackageName();
        ClassDesc self = ClassDesc.of(pkg.isEmpty() ? "Cffi4jView" : pkg + ".Cffi4jView");
        return ClassFile.of().build(self, cb -> {
            cb.withFlags(ClassFile.ACC_FINAL | ClassFile.ACC_SYNTHETIC);
            cb.withSuperclass(ConstantDescs.CD_Object);
            cb.withInterfaceSymbols(ClassDesc.ofDescriptor(iface.descriptorString()));
            cb.withField(TARGET, SEGMENT, ClassFile.ACC_PRIVATE | ClassFile.ACC_FINAL);
            cb.withMethodBody(
                    ConstantDescs.INIT_NAME,
                    MethodTypeDesc.of(ConstantDescs.CD_void, SEGMENT),
                    ClassFile.ACC_PUBLIC,
                    code -> code.aload(0)
                            .invokespecial(ConstantDescs.CD_Object, ConstantDescs.INIT_NAME, ConstantDescs.MTD_void)
                            .aload(0)
                            .aload(1)
                            .putfield(self, TARGET, SEGMENT)
                            .return_());
            for (int i = 0; i < methods.size(); i++) {
                Method m = methods.get(i);
                MethodTypeDesc own =
                        MethodTypeDesc.ofDescriptor(MethodType.methodType(m.getReturnType(), m.getParameterTypes())
                                .descriptorString());
                MethodTypeDesc onMemory = own.insertParameterTypes(0, SEGMENT);
                DynamicConstantDesc<MethodHandle> handle = DynamicConstantDesc.ofNamed(
                        ConstantDescs.BSM_CLASS_DATA_AT, ConstantDescs.DEFAULT_NAME, ConstantDescs.CD_MethodHandle, i);
                cb.withMethodBody(m.getName(), own, ClassFile.ACC_PUBLIC | ClassFile.ACC_FINAL, code -> {
                    code.ldc(handle).aload(0).getfield(self, TARGET, SEGMENT);
                    if (m.getParameterCount() == 1) {
                        code.loadLocal(TypeKind.from(m.getParameterTypes()[0]), 1);
                    }
                    code.invokevirtual(ConstantDescs.CD_MethodHandle, "invokeExact", onMemory);
                    code.return_(TypeKind.from(m.getReturnType()));
                });
            }
        });
    }
}

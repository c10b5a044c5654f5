package org.cffi4j.codegen;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Modifier;
import org.cffi4j.ctype.CType;
import org.cffi4j.ctype.FunctionType;
import org.cffi4j.ctype.Param;
import org.cffi4j.ctype.StructType;
import org.cffi4j.ctype.VoidType;
import org.cffi4j.internal.call.NativeLayouts;
import org.cffi4j.support.BindingCalls;
import org.cffi4j.support.VariadicFunction;

/**
 * A C function as a static method calling a {@code static final} FFM handle with {@code
 * invokeExact}, and the holder class that creates the handle on the first call (so that a class of
 * hundreds of functions starts as fast as one).
 */
final class FunctionEmitter {
    private static final ClassName SEGMENT = ClassName.get(MemorySegment.class);

    private final JavaTypes types;
    private final ClassName binding;

    FunctionEmitter(JavaTypes types, ClassName binding) {
        this.types = types;
        this.binding = binding;
    }

    /** The public method of {@code f}. */
    MethodSpec method(BindingModel.FunctionModel f) {
        FunctionType t = f.type();
        boolean structReturn = t.returnType() instanceof StructType;
        List<String> names = parameterNames(t, structReturn);
        MethodSpec.Builder m = MethodSpec.methodBuilder(f.javaName())
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .addJavadoc("{@snippet lang=c :\n$L;\n}\n", f.declaration())
                .returns(types.ofValue(t.returnType()));
        List<CodeBlock> args = new ArrayList<>();
        if (structReturn) {
            m.addParameter(SegmentAllocator.class, names.getFirst());
            m.addJavadoc("\n@param $L allocates the returned struct\n", names.getFirst());
            args.add(CodeBlock.of("$N", names.getFirst()));
        }
        if (!t.variadic()) {
            args.add(CodeBlock.of("$L.ERRNO.buffer()", holderName(f)));
        }
        int first = structReturn ? 1 : 0;
        for (int i = 0; i < t.params().size(); i++) {
            CType p = t.params().get(i).type();
            String name = names.get(first + i);
            m.addParameter(ParameterSpec.builder(types.ofValue(p), name).build());
            args.add(types.hasClass(p) ? CodeBlock.of("$N.segment()", name) : CodeBlock.of("$N", name));
        }
        if (t.variadic()) {
            return variadic(m, f, args);
        }
        CodeBlock call = CodeBlock.of("$L.HANDLE.invokeExact($L)", holderName(f), CodeBlock.join(args, ", "));
        m.beginControlFlow("try");
        if (t.returnType() instanceof VoidType) {
            m.addStatement(call);
        } else if (structReturn) {
            m.addStatement("return $T.at(($T) $L)", types.ofValue(t.returnType()), SEGMENT, call);
        } else {
            m.addStatement("return ($T) $L", types.ofValue(t.returnType()), call);
        }
        m.nextControlFlow("catch ($T failure)", Throwable.class);
        m.addStatement("throw $T.rethrow(failure)", BindingCalls.class);
        m.endControlFlow();
        return m.build();
    }

    // printf(MemorySegment format, Object... arguments): promoted by their Java types at each call.
    private MethodSpec variadic(MethodSpec.Builder m, BindingModel.FunctionModel f, List<CodeBlock> fixed) {
        m.addParameter(ArrayTypeName.of(Object.class), "arguments").varargs(true);
        m.addJavadoc("\n@param arguments the variadic arguments: {@code Integer}, {@code Long}, {@code Double},"
                + " {@code String} or {@code MemorySegment}, promoted as C promotes them\n");
        CodeBlock call = CodeBlock.of(
                "$L.FUNCTION.call(new Object[] {$L}, arguments)", holderName(f), CodeBlock.join(fixed, ", "));
        TypeName result = types.ofValue(f.type().returnType());
        if (result.equals(TypeName.VOID)) {
            m.addStatement(call);
        } else {
            m.addStatement("return ($T) $L", result, call);
        }
        return m.build();
    }

    /** The holder of {@code f}'s handle, initialised on the first call. */
    TypeSpec holder(BindingModel.FunctionModel f) {
        if (f.type().variadic()) {
            return TypeSpec.classBuilder(holderName(f))
                    .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                    .addField(FieldSpec.builder(VariadicFunction.class, "FUNCTION", Modifier.STATIC, Modifier.FINAL)
                            .initializer(
                                    "$T.of($T.SYMBOLS, $S, $S, $L, true)",
                                    VariadicFunction.class,
                                    binding,
                                    f.symbol(),
                                    f.declaration(),
                                    descriptor(f.type()))
                            .build())
                    .build();
        }
        FieldSpec descriptor = FieldSpec.builder(
                        FunctionDescriptor.class, "DESCRIPTOR", Modifier.STATIC, Modifier.FINAL)
                .initializer(descriptor(f.type()))
                .build();
        FieldSpec handle = FieldSpec.builder(MethodHandle.class, "HANDLE", Modifier.STATIC, Modifier.FINAL)
                .initializer(
                        "$T.capturingDowncall($T.SYMBOLS, $S, $S, DESCRIPTOR)",
                        BindingCalls.class,
                        binding,
                        f.symbol(),
                        f.declaration())
                .build();
        // made by the first calling thread, which initialises the holder: its errno buffer is a constant
        FieldSpec errno = FieldSpec.builder(BindingCalls.ErrnoCapture.class, "ERRNO", Modifier.STATIC, Modifier.FINAL)
                .initializer("$T.errnoCapture()", BindingCalls.class)
                .build();
        return TypeSpec.classBuilder(holderName(f))
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .addField(descriptor)
                .addField(handle)
                .addField(errno)
                .build();
    }

    /** The descriptor of a function type, as an expression. */
    static CodeBlock descriptor(FunctionType t) {
        List<CodeBlock> params = new ArrayList<>();
        for (Param p : t.params()) {
            params.add(LayoutCode.of(NativeLayouts.of(p.type())));
        }
        CodeBlock joined = CodeBlock.join(params, ", ");
        if (t.returnType() instanceof VoidType) {
            return CodeBlock.of("$T.ofVoid($L)", FunctionDescriptor.class, joined);
        }
        CodeBlock result = LayoutCode.of(NativeLayouts.of(t.returnType()));
        return params.isEmpty()
                ? CodeBlock.of("$T.of($L)", FunctionDescriptor.class, result)
                : CodeBlock.of("$T.of($L, $L)", FunctionDescriptor.class, result, joined);
    }

    private static String holderName(BindingModel.FunctionModel f) {
        return f.javaName() + "$";
    }

    // The C parameter names where they are Java names, else argN; "allocator" first for a struct return.
    static List<String> parameterNames(FunctionType t, boolean allocatorFirst) {
        List<String> names = new ArrayList<>();
        // the generated method's own names: a struct return's allocator, the caught exception, varargs
        Set<String> used = new HashSet<>(List.of("allocator", "failure", "arguments"));
        if (allocatorFirst) {
            names.add("allocator");
        }
        for (int i = 0; i < t.params().size(); i++) {
            String c = t.params().get(i).name();
            String name = c == null || c.isEmpty() ? "arg" + (i + 1) : JavaNames.of(c);
            while (!used.add(name)) {
                name = name + "_";
            }
            names.add(name);
        }
        return names;
    }

    /** The Java types of {@code t}'s parameters, for a callback interface. */
    List<TypeName> parameterTypes(FunctionType t) {
        return t.params().stream().map(p -> types.ofValue(p.type())).toList();
    }
}

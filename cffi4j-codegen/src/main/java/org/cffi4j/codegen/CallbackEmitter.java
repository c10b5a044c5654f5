package org.cffi4j.codegen;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.util.List;
import javax.lang.model.element.Modifier;
import org.cffi4j.ctype.CType;
import org.cffi4j.ctype.VoidType;
import org.cffi4j.internal.call.NativeLayouts;
import org.cffi4j.support.BindingCallbacks;

/**
 * A function pointer typedef as a functional interface whose {@code allocate} makes a C function
 * pointer of a Java lambda, and the holder of its descriptor and method handle.
 */
final class CallbackEmitter {
    private final ClassName binding;

    CallbackEmitter(ClassName binding) {
        this.binding = binding;
    }

    /** The interface of {@code cb}. */
    TypeSpec emit(BindingModel.CallbackModel cb) {
        ClassName self = binding.nestedClass(cb.name());
        String holder = cb.name() + "$";
        List<String> names = FunctionEmitter.parameterNames(cb.type(), false);
        MethodSpec.Builder apply = MethodSpec.methodBuilder("apply")
                .addModifiers(Modifier.PUBLIC, Modifier.ABSTRACT)
                .addJavadoc("The Java function C calls.\n")
                .returns(carrier(cb.type().returnType()));
        for (int i = 0; i < names.size(); i++) {
            apply.addParameter(
                    ParameterSpec.builder(carrier(cb.type().params().get(i).type()), names.get(i))
                            .build());
            apply.addJavadoc("@param $L argument $L from C\n", names.get(i), i + 1);
        }
        if (!(cb.type().returnType() instanceof VoidType)) {
            apply.addJavadoc("@return the value C gets\n");
        }
        MethodSpec allocate = MethodSpec.methodBuilder("allocate")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .addJavadoc(
                        "A C function pointer of type {@code $L} calling {@code fn}; an exception thrown by"
                                + " {@code fn} never reaches C: C gets zero and the exception is printed.\n\n"
                                + "@param fn the Java function\n@param arena how long the function pointer lives\n"
                                + "@return the function pointer, to pass to C\n",
                        cb.cType())
                .addParameter(self, "fn")
                .addParameter(Arena.class, "arena")
                .returns(MemorySegment.class)
                .addStatement(
                        "return $T.upcall($L.APPLY.bindTo(fn), $L.DESCRIPTOR, $S, arena)",
                        BindingCallbacks.class,
                        holder,
                        holder,
                        cb.cType())
                .build();
        return TypeSpec.interfaceBuilder(cb.name())
                .addModifiers(Modifier.PUBLIC)
                .addAnnotation(FunctionalInterface.class)
                .addJavadoc("{@snippet lang=c :\n$L\n}\n", cb.type().declare("(*" + cb.name() + ")"))
                .addMethod(apply.build())
                .addMethod(allocate)
                .build();
    }

    /** The holder of {@code cb}'s descriptor and method handle. */
    TypeSpec holder(BindingModel.CallbackModel cb) {
        ClassName self = binding.nestedClass(cb.name());
        return TypeSpec.classBuilder(cb.name() + "$")
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .addField(FieldSpec.builder(FunctionDescriptor.class, "DESCRIPTOR", Modifier.STATIC, Modifier.FINAL)
                        .initializer(FunctionEmitter.descriptor(cb.type()))
                        .build())
                .addField(FieldSpec.builder(MethodHandle.class, "APPLY", Modifier.STATIC, Modifier.FINAL)
                        .initializer(
                                "$T.method($T.lookup(), $T.class, \"apply\", DESCRIPTOR)",
                                BindingCallbacks.class,
                                MethodHandles.class,
                                self)
                        .build())
                .build();
    }

    // A callback's Java types are the linker's carriers: a struct by value is its memory.
    private static TypeName carrier(CType t) {
        if (t instanceof VoidType) {
            return TypeName.VOID;
        }
        var layout = NativeLayouts.of(t);
        return layout instanceof GroupLayout
                ? ClassName.get(MemorySegment.class)
                : JavaTypes.carrier((ValueLayout) layout);
    }
}

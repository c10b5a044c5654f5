package org.cffi4j.codegen;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import javax.lang.model.element.Modifier;
import org.cffi4j.ctype.ArrayType;
import org.cffi4j.ctype.Qualifiers;
import org.cffi4j.ctype.StructType;
import org.cffi4j.internal.call.NativeLayouts;
import org.cffi4j.support.BindingMemory;

/** A global variable as {@code g()}, {@code g(value)} and {@code g$address()}. */
final class GlobalEmitter {
    private static final ClassName SEGMENT = ClassName.get(MemorySegment.class);

    private final JavaTypes types;
    private final ClassName binding;

    GlobalEmitter(JavaTypes types, ClassName binding) {
        this.types = types;
        this.binding = binding;
    }

    /**
     * The accessors of {@code g}, added to the binding class {@code c}: a variable's memory is its
     * address (ABI mode's symbol, API mode's address getter); an API-mode {@code static const} of any
     * type is its value, copied once by the glue library.
     */
    void emit(TypeSpec.Builder c, BindingModel.GlobalModel g) {
        boolean copied = g.valueGetter() != null;
        String decl = (copied ? "static const " : "")
                + g.variable().type().declare(g.variable().name());
        String holder = g.javaName() + "$";
        // An array of unknown length (extern char version[];) has an address, and no size to read
        MemoryLayout layout = g.variable().type() instanceof ArrayType a && !a.hasLength()
                ? MemoryLayout.sequenceLayout(0, ValueLayout.JAVA_BYTE)
                : NativeLayouts.inMemory(g.variable().type());
        CodeBlock memory = copied
                ? CodeBlock.of(
                        "$T.constant($T.SYMBOLS, $S, $LL)",
                        BindingMemory.class,
                        binding,
                        g.valueGetter(),
                        layout.byteSize())
                : CodeBlock.of(
                        "$T.global($T.SYMBOLS, $S, $S, $LL)",
                        BindingMemory.class,
                        binding,
                        g.variable().symbol(),
                        g.addressGetter(),
                        layout.byteSize());
        TypeSpec.Builder h = holder(holder, memory, decl);
        if (!copied) {
            c.addMethod(MethodSpec.methodBuilder(g.javaName() + "$address")
                    .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                    .addJavadoc("The memory of {@code $L;}.\n\n@return its memory\n", decl)
                    .returns(SEGMENT)
                    .addStatement("return $L.memory()", holder)
                    .build());
        }
        boolean writable = !copied && (g.variable().qualifiers() & Qualifiers.CONST) == 0;
        if (types.hasClass(g.variable().type())) {
            ClassName view = types.structClass((StructType) g.variable().type());
            c.addMethod(getter(g, decl, view)
                    .addStatement("return $T.at($L.memory())", view, holder)
                    .build());
        } else if (layout instanceof ValueLayout v) {
            TypeName type = JavaTypes.carrier(v);
            h.addField(FieldSpec.builder(VarHandle.class, "VH", Modifier.STATIC, Modifier.FINAL)
                    .initializer("$L.varHandle()", LayoutCode.of(v))
                    .build());
            c.addMethod(getter(g, decl, type)
                    .addStatement("return ($T) $L.VH.get($L.memory(), 0L)", type, holder, holder)
                    .build());
            if (writable) {
                c.addMethod(MethodSpec.methodBuilder(g.javaName())
                        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                        .addJavadoc("Writes {@code $L;}.\n\n@param value the new value\n", decl)
                        .addParameter(type, "value")
                        .addStatement("$L.VH.set($L.memory(), 0L, value)", holder, holder)
                        .build());
            }
        } else {
            c.addMethod(getter(g, decl, SEGMENT)
                    .addStatement("return $L.memory()", holder)
                    .build());
        }
        c.addType(h.build());
    }

    // The holder of a global's memory, made on first use; memory() fails naming it if no library has it.
    private static TypeSpec.Builder holder(String name, CodeBlock memory, String decl) {
        return TypeSpec.classBuilder(name)
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .addField(FieldSpec.builder(SEGMENT, "MEMORY", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                        .initializer(memory)
                        .build())
                .addMethod(MethodSpec.methodBuilder("memory")
                        .addModifiers(Modifier.STATIC)
                        .returns(SEGMENT)
                        .beginControlFlow("if (MEMORY == null)")
                        .addStatement("throw $T.missingGlobal($S)", BindingMemory.class, decl)
                        .endControlFlow()
                        .addStatement("return MEMORY")
                        .build());
    }

    private static MethodSpec.Builder getter(BindingModel.GlobalModel g, String decl, TypeName type) {
        return MethodSpec.methodBuilder(g.javaName())
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .addJavadoc("Reads {@code $L;}.\n\n@return its value\n", decl)
                .returns(type);
    }
}

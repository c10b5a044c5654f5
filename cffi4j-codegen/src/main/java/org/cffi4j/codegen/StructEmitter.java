package org.cffi4j.codegen;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.StructLayout;
import java.lang.foreign.UnionLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;
import org.cffi4j.FFIException;
import org.cffi4j.ctype.ArrayType;
import org.cffi4j.ctype.Field;
import org.cffi4j.ctype.StructType;
import org.cffi4j.internal.call.NativeLayouts;
import org.cffi4j.support.BindingMemory;

/**
 * A struct or union as a class of views: its {@code LAYOUT}, {@code allocate}, {@code at}, {@code
 * segment()}, and a getter and a setter per member, each over a {@code static final} VarHandle at a
 * constant offset (bitfields by {@link BitfieldCode}).
 */
final class StructEmitter {
    private static final ClassName SEGMENT = ClassName.get(MemorySegment.class);

    private final JavaTypes types;
    private final java.nio.ByteOrder byteOrder;

    StructEmitter(JavaTypes types, java.nio.ByteOrder byteOrder) {
        this.types = types;
        this.byteOrder = byteOrder;
    }

    /** The class of {@code s}. */
    TypeSpec emit(BindingModel.StructModel s) {
        ClassName self = types.structClass(s.type());
        MemoryLayout layout = NativeLayouts.inMemory(s.type());
        TypeSpec.Builder c = TypeSpec.classBuilder(s.className())
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc(
                        "A view of a {@code $L} in memory ($L bytes, aligned to $L).\n",
                        s.type(),
                        layout.byteSize(),
                        layout.byteAlignment())
                .addField(FieldSpec.builder(
                                TypeName.get(layout instanceof StructLayout ? StructLayout.class : UnionLayout.class),
                                "LAYOUT",
                                Modifier.PUBLIC,
                                Modifier.STATIC,
                                Modifier.FINAL)
                        .addJavadoc("The layout of {@code $L}, as the C compiler lays it out.\n", s.type())
                        .initializer(LayoutCode.of(layout))
                        .build())
                .addField(SEGMENT, "segment", Modifier.PRIVATE, Modifier.FINAL)
                .addMethod(MethodSpec.constructorBuilder()
                        .addModifiers(Modifier.PRIVATE)
                        .addParameter(SEGMENT, "segment")
                        .addStatement("this.segment = segment")
                        .build())
                .addMethod(MethodSpec.methodBuilder("allocate")
                        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                        .addJavadoc(
                                "A new zero-filled {@code $L}.\n\n@param allocator where it is allocated\n"
                                        + "@return a view of it\n",
                                s.type())
                        .addParameter(SegmentAllocator.class, "allocator")
                        .returns(self)
                        .addStatement("return new $T(allocator.allocate(LAYOUT).fill((byte) 0))", self)
                        .build())
                .addMethod(MethodSpec.methodBuilder("at")
                        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                        .addJavadoc(
                                "The {@code $L} at {@code pointer}: memory allocated in Java keeps its"
                                        + " bounds, a pointer C returned is given the struct's size.\n\n"
                                        + "@param pointer the memory\n@return a view of it\n",
                                s.type())
                        .addParameter(SEGMENT, "pointer")
                        .returns(self)
                        .addStatement(
                                "return new $T($T.at(pointer, LAYOUT.byteSize(), $S))",
                                self,
                                BindingMemory.class,
                                s.type().toString())
                        .build())
                .addMethod(MethodSpec.methodBuilder("segment")
                        .addModifiers(Modifier.PUBLIC)
                        .addJavadoc(
                                "The memory of this {@code $L}, to pass to C as a pointer.\n\n@return the"
                                        + " memory\n",
                                s.type())
                        .returns(SEGMENT)
                        .addStatement("return segment")
                        .build());
        List<String> skipped = new ArrayList<>();
        for (Field f : members(s.type(), 0)) {
            try {
                member(c, self, f, layout.byteSize(), skipped);
            } catch (FFIException e) {
                skipped.add(f.name() + ": " + e.getMessage());
            }
        }
        for (String why : skipped) {
            c.addJavadoc("<p>Member not generated: $L\n", why);
        }
        return c.build();
    }

    // The named members, those of anonymous struct and union members included at their offsets.
    private static List<Field> members(StructType s, long base) {
        List<Field> out = new ArrayList<>();
        for (Field f : s.fields()) {
            if (f.isAnonymousMember()) {
                out.addAll(members((StructType) f.type(), base + f.byteOffset()));
            } else if (f.name() != null) {
                out.add(new Field(
                        f.name(), f.type(), base + f.byteOffset(), f.bitOffset(), f.bitWidth(), f.qualifiers()));
            }
        }
        return out;
    }

    private void member(TypeSpec.Builder c, ClassName self, Field f, long structSize, List<String> skipped) {
        String name = JavaNames.of(f.name());
        String decl = f.type().declare(f.name());
        if (f.isBitfield()) {
            if (byteOrder != java.nio.ByteOrder.LITTLE_ENDIAN) {
                // the shifts are computed for bit 0 in the first byte; a big-endian platform counts from the last
                throw new FFIException("a bitfield of a big-endian platform is not generated yet");
            }
            BitfieldCode.emit(c, self, f, name, decl + " : " + f.bitWidth(), structSize);
            return;
        }
        if (types.hasClass(f.type())) {
            nestedStruct(c, self, f, name, decl);
            return;
        }
        if (f.type() instanceof ArrayType a && !a.hasLength()) {
            skipped.add(f.name() + ": a flexible array member lies beyond the struct's size");
            return;
        }
        MemoryLayout layout = NativeLayouts.inMemory(f.type());
        if (!(layout instanceof ValueLayout v)) {
            c.addMethod(getter(name, decl, SEGMENT)
                    .addStatement("return segment.asSlice($LL, $LL)", f.byteOffset(), layout.byteSize())
                    .build());
            return;
        }
        String handle = name + "$VH";
        c.addField(FieldSpec.builder(VarHandle.class, handle, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .initializer("$L.varHandle()", LayoutCode.of(v))
                .build());
        TypeName type = JavaTypes.carrier(v);
        c.addMethod(getter(name, decl, type)
                .addStatement("return ($T) $N.get(segment, $LL)", type, handle, f.byteOffset())
                .build());
        if (!f.isConst()) {
            c.addMethod(setter(name, decl, self, type)
                    .addStatement("$N.set(segment, $LL, value)", handle, f.byteOffset())
                    .addStatement("return this")
                    .build());
        }
    }

    private void nestedStruct(TypeSpec.Builder c, ClassName self, Field f, String name, String decl) {
        ClassName nested = types.structClass((StructType) f.type());
        long size = f.type().byteSize();
        c.addMethod(getter(name, decl, nested)
                .addStatement("return $T.at(segment.asSlice($LL, $LL))", nested, f.byteOffset(), size)
                .build());
        if (!f.isConst()) {
            c.addMethod(setter(name, decl, self, nested)
                    .addStatement("$T.copy(value.segment(), 0L, segment, $LL, $LL)", SEGMENT, f.byteOffset(), size)
                    .addStatement("return this")
                    .build());
        }
    }

    static MethodSpec.Builder getter(String name, String decl, TypeName type) {
        return MethodSpec.methodBuilder(name)
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc("Reads {@code $L;}.\n\n@return the member's value\n", decl)
                .returns(type);
    }

    static MethodSpec.Builder setter(String name, String decl, ClassName self, TypeName type) {
        return MethodSpec.methodBuilder(name)
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc("Writes {@code $L;}.\n\n@param value the new value\n@return this view\n", decl)
                .addParameter(type, "value")
                .returns(self);
    }
}

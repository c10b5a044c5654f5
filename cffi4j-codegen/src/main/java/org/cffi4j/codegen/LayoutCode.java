package org.cffi4j.codegen;

import com.palantir.javapoet.CodeBlock;
import java.lang.foreign.AddressLayout;
import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.PaddingLayout;
import java.lang.foreign.SequenceLayout;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Java expressions that rebuild a {@link MemoryLayout}: the runtime's layouts (explicit padding,
 * named members), written into generated code so that the same layout is built without a cdef.
 */
final class LayoutCode {
    // The ValueLayout constants, by carrier, with C's natural alignment.
    private static final Map<Class<?>, String> CONSTANTS = Map.of(
            boolean.class, "JAVA_BOOLEAN",
            byte.class, "JAVA_BYTE",
            short.class, "JAVA_SHORT",
            char.class, "JAVA_CHAR",
            int.class, "JAVA_INT",
            long.class, "JAVA_LONG",
            float.class, "JAVA_FLOAT",
            double.class, "JAVA_DOUBLE",
            java.lang.foreign.MemorySegment.class, "ADDRESS");

    private LayoutCode() {}

    /** An expression of type {@code MemoryLayout} equal to {@code layout}. */
    static CodeBlock of(MemoryLayout layout) {
        CodeBlock base = switch (layout) {
            case ValueLayout v -> value(v);
            case PaddingLayout p -> CodeBlock.of("$T.paddingLayout($L)", MemoryLayout.class, p.byteSize());
            case SequenceLayout s ->
                CodeBlock.of("$T.sequenceLayout($L, $L)", MemoryLayout.class, s.elementCount(), of(s.elementLayout()));
            case GroupLayout g -> group(g);
        };
        return named(withAlignment(base, layout), layout);
    }

    private static CodeBlock value(ValueLayout v) {
        String constant =
                CONSTANTS.get(v instanceof AddressLayout ? java.lang.foreign.MemorySegment.class : v.carrier());
        if (unaligned(v)) {
            return CodeBlock.of("$T.$L_UNALIGNED", ValueLayout.class, constant);
        }
        return CodeBlock.of("$T.$L", ValueLayout.class, constant);
    }

    // Whether v is written as a *_UNALIGNED constant.
    private static boolean unaligned(ValueLayout v) {
        return v.byteAlignment() == 1 && natural(v) != 1;
    }

    // The alignment of the ValueLayout constant of v's carrier.
    private static long natural(ValueLayout v) {
        return v instanceof AddressLayout ? ValueLayout.ADDRESS.byteAlignment() : v.byteSize();
    }

    private static CodeBlock group(GroupLayout g) {
        List<CodeBlock> members = new ArrayList<>();
        for (MemoryLayout m : g.memberLayouts()) {
            members.add(of(m));
        }
        String factory = g instanceof StructLayout ? "structLayout" : "unionLayout";
        return CodeBlock.builder()
                .add("$T.$L(\n", MemoryLayout.class, factory)
                .indent()
                .add(CodeBlock.join(members, ",\n"))
                .unindent()
                .add(")")
                .build();
    }

    // The alignment the expression does not already give (a group's is its members' largest).
    private static CodeBlock withAlignment(CodeBlock base, MemoryLayout layout) {
        long given = switch (layout) {
            case ValueLayout v -> value(v).toString().endsWith("_UNALIGNED") ? 1 : natural(v);
            case PaddingLayout p -> 1;
            case SequenceLayout s -> s.elementLayout().byteAlignment();
            case GroupLayout g ->
                g.memberLayouts().stream()
                        .mapToLong(MemoryLayout::byteAlignment)
                        .max()
                        .orElse(1);
        };
        return given == layout.byteAlignment()
                ? base
                : CodeBlock.of("$L.withByteAlignment($L)", base, layout.byteAlignment());
    }

    private static CodeBlock named(CodeBlock base, MemoryLayout layout) {
        return layout.name().map(n -> CodeBlock.of("$L.withName($S)", base, n)).orElse(base);
    }
}

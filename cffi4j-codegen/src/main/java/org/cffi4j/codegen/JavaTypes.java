package org.cffi4j.codegen;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.lang.foreign.AddressLayout;
import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Map;
import org.cffi4j.ctype.CType;
import org.cffi4j.ctype.StructType;
import org.cffi4j.ctype.VoidType;
import org.cffi4j.internal.call.NativeLayouts;

/**
 * The Java type of a C value in generated code: the carrier of the runtime's own layout of it (the
 * primitive of the same width, {@code MemorySegment} for pointers), or a struct's class.
 */
final class JavaTypes {
    private final ClassName binding;
    private final Map<StructType, String> structNames;

    JavaTypes(ClassName binding, Map<StructType, String> structNames) {
        this.binding = binding;
        this.structNames = structNames;
    }

    /** The type of a value of {@code t} passed to or returned from a function. */
    TypeName ofValue(CType t) {
        if (t instanceof VoidType) {
            return TypeName.VOID;
        }
        MemoryLayout l = NativeLayouts.of(t);
        return l instanceof GroupLayout ? structClass((StructType) t) : carrier((ValueLayout) l);
    }

    /** The class of a struct or union that has one. */
    ClassName structClass(StructType s) {
        return binding.nestedClass(structNames.get(s));
    }

    /** Whether {@code t} is a struct or union with a class. */
    boolean hasClass(CType t) {
        return t instanceof StructType s && structNames.containsKey(s);
    }

    /** The carrier of a value layout. */
    static TypeName carrier(ValueLayout v) {
        return v instanceof AddressLayout ? ClassName.get(MemorySegment.class) : TypeName.get(v.carrier());
    }
}

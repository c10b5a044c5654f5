package org.cffi4j.internal.api;

import java.util.List;
import org.cffi4j.ctype.CType;
import org.cffi4j.ctype.FunctionType;
import org.cffi4j.ctype.Param;
import org.cffi4j.ctype.PrimitiveType;
import org.cffi4j.internal.layout.Primitives;

/**
 * {@code long double} in API mode: the FFM linker cannot pass it, so the C wrapper of a function
 * takes and returns {@code double} and converts, and Java calls the wrapper.
 */
final class LongDoubles {
    private LongDoubles() {}

    static boolean isLongDouble(CType t) {
        return t instanceof PrimitiveType p
                && p.kind() == PrimitiveType.Kind.FLOATING
                && p.isComplete()
                && p.size() > 8;
    }

    static boolean appearsIn(FunctionType f) {
        return isLongDouble(f.returnType()) || f.params().stream().anyMatch(p -> isLongDouble(p.type()));
    }

    /** The function type with every long double replaced by double. */
    static FunctionType asDouble(FunctionType f) {
        CType d = Primitives.current().get("double");
        List<Param> params = f.params().stream()
                .map(p -> isLongDouble(p.type()) ? new Param(p.name(), d) : p)
                .toList();
        return new FunctionType(isLongDouble(f.returnType()) ? d : f.returnType(), params, f.variadic());
    }
}

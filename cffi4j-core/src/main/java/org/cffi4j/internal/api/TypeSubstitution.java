package org.cffi4j.internal.api;

import java.util.Map;
import org.cffi4j.ctype.ArrayType;
import org.cffi4j.ctype.CType;
import org.cffi4j.ctype.FunctionType;
import org.cffi4j.ctype.Param;
import org.cffi4j.ctype.PointerType;
import org.cffi4j.ctype.PrimitiveType;

/**
 * Rebuilds a type with what the compiler resolved put in place: the {@code typedef int...} types
 * (by name) and the {@code [...]} array types of typedefs (by identity).
 */
final class TypeSubstitution {
    private TypeSubstitution() {}

    static CType apply(CType t, Map<String, PrimitiveType> resolved, Map<CType, CType> arrays) {
        CType array = arrays.get(t);
        if (array != null) {
            return array;
        }
        return switch (t) {
            case PrimitiveType p when !p.isComplete() && resolved.containsKey(p.name()) -> resolved.get(p.name());
            case PointerType p -> new PointerType(apply(p.target(), resolved, arrays), p.targetQualifiers());
            case ArrayType a -> new ArrayType(apply(a.element(), resolved, arrays), a.length());
            case FunctionType f ->
                new FunctionType(
                        apply(f.returnType(), resolved, arrays),
                        f.params().stream()
                                .map(p -> new Param(p.name(), apply(p.type(), resolved, arrays)))
                                .toList(),
                        f.variadic());
            default -> t;
        };
    }
}

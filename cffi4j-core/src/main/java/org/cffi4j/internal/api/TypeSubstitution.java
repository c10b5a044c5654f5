package org.cffi4j.internal.api;

import java.util.Map;
import org.cffi4j.ctype.ArrayType;
import org.cffi4j.ctype.CType;
import org.cffi4j.ctype.FunctionType;
import org.cffi4j.ctype.Param;
import org.cffi4j.ctype.PointerType;
import org.cffi4j.ctype.PrimitiveType;

/** Rebuilds a type with the {@code typedef int...} types the compiler resolved put in place. */
final class TypeSubstitution {
    private TypeSubstitution() {}

    static CType apply(CType t, Map<String, PrimitiveType> resolved) {
        return switch (t) {
            case PrimitiveType p when !p.isComplete() && resolved.containsKey(p.name()) -> resolved.get(p.name());
            case PointerType p -> new PointerType(apply(p.target(), resolved), p.targetQualifiers());
            case ArrayType a -> new ArrayType(apply(a.element(), resolved), a.length());
            case FunctionType f ->
                new FunctionType(
                        apply(f.returnType(), resolved),
                        f.params().stream()
                                .map(p -> new Param(p.name(), apply(p.type(), resolved)))
                                .toList(),
                        f.variadic());
            default -> t;
        };
    }
}

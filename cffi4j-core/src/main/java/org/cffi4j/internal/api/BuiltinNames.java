package org.cffi4j.internal.api;

import java.util.Set;
import org.cffi4j.ctype.ArrayType;
import org.cffi4j.ctype.CType;
import org.cffi4j.ctype.FunctionType;
import org.cffi4j.ctype.Param;
import org.cffi4j.ctype.PointerType;
import org.cffi4j.ctype.PrimitiveType;
import org.cffi4j.ctype.StructType;
import org.cffi4j.ctype.VoidType;

/**
 * Whether a type can be written in C before the module's source, where no header has been
 * included: only C's own keywords and struct or union tags (the generated C declares every tag
 * first), not a typedef name such as {@code size_t} or an {@code int...} type.
 */
final class BuiltinNames {
    private static final Set<String> KEYWORDS = Set.of(
            "void",
            "char",
            "short",
            "int",
            "long",
            "signed",
            "unsigned",
            "float",
            "double",
            "_Bool",
            "_Complex",
            "__int128",
            "_Float128",
            "__float128");

    private BuiltinNames() {}

    /** Whether {@code t} names only keywords and tags. */
    static boolean only(CType t) {
        return switch (t) {
            case VoidType v -> true;
            case PrimitiveType p ->
                p.isComplete() && java.util.Arrays.stream(p.name().split(" ")).allMatch(KEYWORDS::contains);
            case StructType s -> s.tag() != null;
            case PointerType p -> only(p.target());
            case ArrayType a -> only(a.element());
            case FunctionType f ->
                only(f.returnType()) && f.params().stream().map(Param::type).allMatch(BuiltinNames::only);
            default -> false;
        };
    }
}

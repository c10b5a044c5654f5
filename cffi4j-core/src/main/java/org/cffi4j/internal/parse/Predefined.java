package org.cffi4j.internal.parse;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cffi4j.ctype.ArrayType;
import org.cffi4j.ctype.CType;
import org.cffi4j.ctype.Field;
import org.cffi4j.ctype.PointerType;
import org.cffi4j.ctype.PrimitiveType;
import org.cffi4j.ctype.StructType;
import org.cffi4j.ctype.VoidType;
import org.cffi4j.internal.TypeAccess;
import org.cffi4j.internal.layout.MemberSpec;
import org.cffi4j.internal.layout.Primitives;
import org.cffi4j.internal.layout.RecordLayout;
import org.cffi4j.internal.layout.RecordLayouter;
import org.cffi4j.internal.layout.RecordSpec;

/**
 * The typedef names every cdef knows without declaring them, as in CFFI: the {@code <stdint.h>} and
 * {@code <stddef.h>} names, {@code wchar_t}, {@code char16_t}, {@code char32_t}, {@code bool},
 * {@code FILE}, and gcc's {@code __builtin_va_list}. A user typedef of the same name replaces them
 * (as the real headers do).
 */
final class Predefined {
    private static final Map<String, CType> TYPES = build();

    private Predefined() {}

    static Optional<CType> type(String name) {
        return Optional.ofNullable(TYPES.get(name));
    }

    /** The predefined typedef names. */
    static java.util.Set<String> names() {
        return TYPES.keySet();
    }

    private static Map<String, CType> build() {
        Map<String, CType> m = new HashMap<>();
        Primitives p = Primitives.current();
        for (var e : p.all().entrySet()) {
            if (isIdentifier(e.getKey())) {
                m.put(e.getKey(), e.getValue());
            }
        }
        m.put("bool", p.get("_Bool"));
        m.put("__int128_t", p.get("__int128"));
        m.put("__uint128_t", p.get("unsigned __int128"));
        m.put("FILE", StructType.declare(StructType.Kind.STRUCT, null, "FILE"));
        m.put("__builtin_va_list", vaList(p));
        return Map.copyOf(m);
    }

    private static boolean isIdentifier(String name) {
        return name.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_')
                && !name.startsWith("_")
                && !Keywords.isTypeKeyword(name);
    }

    // x86-64 SysV: typedef struct __va_list_tag { unsigned gp_offset, fp_offset; void *overflow_arg_area,
    // *reg_save_area; } __builtin_va_list[1]. (Other ABIs will describe theirs in their own table.)
    private static CType vaList(Primitives p) {
        StructType tag = StructType.declare(StructType.Kind.STRUCT, "__va_list_tag", null);
        PrimitiveType u = p.get("unsigned int");
        PointerType vp = new PointerType(VoidType.VOID);
        List<MemberSpec> members = List.of(
                MemberSpec.of("gp_offset", u),
                MemberSpec.of("fp_offset", u),
                MemberSpec.of("overflow_arg_area", vp),
                MemberSpec.of("reg_save_area", vp));
        RecordLayout l = RecordLayouter.layout(
                new RecordSpec("struct __va_list_tag", StructType.Kind.STRUCT, members, false, 0, 0));
        List<Field> fields = l.fields();
        TypeAccess.mutators().complete(tag, fields, l.size(), l.alignment(), false);
        return new ArrayType(tag, 1);
    }
}

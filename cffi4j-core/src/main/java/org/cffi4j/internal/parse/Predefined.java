package org.cffi4j.internal.parse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.cffi4j.ctype.ArrayType;
import org.cffi4j.ctype.CType;
import org.cffi4j.ctype.Field;
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
 * {@code FILE}, and gcc's {@code __builtin_va_list}, each as the platform defines it. A user
 * typedef of the same name replaces them (as the real headers do).
 */
final class Predefined {
    private static final Map<String, Map<String, CType>> BY_PLATFORM = new ConcurrentHashMap<>();

    private Predefined() {}

    static Optional<CType> type(Primitives platform, String name) {
        return Optional.ofNullable(types(platform).get(name));
    }

    /** The predefined typedef names. */
    static Set<String> names(Primitives platform) {
        return types(platform).keySet();
    }

    private static Map<String, CType> types(Primitives platform) {
        return BY_PLATFORM.computeIfAbsent(platform.abi().name(), n -> build(platform));
    }

    private static Map<String, CType> build(Primitives p) {
        Map<String, CType> m = new HashMap<>();
        for (var e : p.all().entrySet()) {
            if (isIdentifier(e.getKey())) {
                m.put(e.getKey(), e.getValue());
            }
        }
        m.put("bool", p.get("_Bool"));
        p.byName("__int128").ifPresent(t -> m.put("__int128_t", t)); // 64-bit platforms only
        p.byName("unsigned __int128").ifPresent(t -> m.put("__uint128_t", t));
        m.put("FILE", StructType.declare(StructType.Kind.STRUCT, null, "FILE"));
        m.put("__builtin_va_list", vaList(p));
        return Map.copyOf(m);
    }

    private static boolean isIdentifier(String name) {
        return name.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_')
                && !name.startsWith("_")
                && !Keywords.isTypeKeyword(name);
    }

    // Each ABI's own va_list, as its compiler predefines it.
    private static CType vaList(Primitives p) {
        CType vp = p.pointerTo(VoidType.VOID, 0);
        return switch (p.abi().vaList()) {
            case X86_64 -> {
                CType u = p.get("unsigned int");
                yield new ArrayType(
                        record(
                                p,
                                "__va_list_tag",
                                List.of("gp_offset", u, "fp_offset", u, "overflow_arg_area", vp, "reg_save_area", vp)),
                        1);
            }
            case AARCH64 -> {
                CType i = p.get("int");
                yield record(
                        p,
                        "__va_list",
                        List.of("__stack", vp, "__gr_top", vp, "__vr_top", vp, "__gr_offs", i, "__vr_offs", i));
            }
            case ARM -> record(p, "__va_list", List.of("__ap", vp));
            case S390X -> {
                CType l = p.get("long");
                yield new ArrayType(
                        record(
                                p,
                                "__va_list_tag",
                                List.of("__gpr", l, "__fpr", l, "__overflow_arg_area", vp, "__reg_save_area", vp)),
                        1);
            }
            case POINTER -> p.pointerTo(p.get("char"), 0);
        };
    }

    // A struct of (name, type) pairs, laid out for the platform.
    private static StructType record(Primitives p, String tagName, List<Object> namesAndTypes) {
        StructType tag = StructType.declare(StructType.Kind.STRUCT, tagName, null);
        List<MemberSpec> members = new ArrayList<>();
        for (int i = 0; i < namesAndTypes.size(); i += 2) {
            members.add(MemberSpec.of((String) namesAndTypes.get(i), (CType) namesAndTypes.get(i + 1)));
        }
        RecordLayout l = RecordLayouter.layout(
                new RecordSpec("struct " + tagName, StructType.Kind.STRUCT, members, false, 0, 0), p.abi());
        List<Field> fields = l.fields();
        TypeAccess.mutators().complete(tag, fields, l.size(), l.alignment(), false);
        return tag;
    }
}

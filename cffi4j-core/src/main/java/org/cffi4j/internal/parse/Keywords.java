package org.cffi4j.internal.parse;

import java.util.Set;

/** The C keywords cdef knows, by role, GNU spellings included. */
final class Keywords {
    private Keywords() {}

    static final Set<String> STORAGE =
            Set.of("typedef", "extern", "static", "auto", "register", "__thread", "_Thread_local", "thread_local");

    static final Set<String> FUNCTION_SPECIFIERS =
            Set.of("inline", "__inline", "__inline__", "_Noreturn", "noreturn", "__extension__");

    static final Set<String> QUALIFIERS = Set.of(
            "const",
            "__const",
            "__const__",
            "volatile",
            "__volatile",
            "__volatile__",
            "restrict",
            "__restrict",
            "__restrict__",
            "_Nonnull",
            "_Nullable",
            "_Null_unspecified",
            "__unaligned",
            "__ptr32",
            "__ptr64");

    /** Calling-convention and similar words that may stand among specifiers or in declarators. */
    static final Set<String> IGNORED = Set.of("__cdecl", "__stdcall", "__fastcall", "WINAPI", "__w64");

    /** The keywords that introduce a tagged type. */
    static final Set<String> TAGS = Set.of("struct", "union", "enum");

    static final Set<String> BASIC_TYPES = Set.of(
            "void",
            "char",
            "short",
            "int",
            "long",
            "float",
            "double",
            "signed",
            "__signed",
            "__signed__",
            "unsigned",
            "_Bool",
            "_Complex",
            "__complex__",
            "__complex",
            "_Imaginary",
            "__int128",
            "_Float16",
            "_Float32",
            "_Float64",
            "_Float128",
            "_Float32x",
            "_Float64x",
            "_Float128x",
            "__float128",
            "__float80",
            "__ibm128",
            "__bf16",
            "_Decimal32",
            "_Decimal64",
            "_Decimal128");

    static final Set<String> ATTRIBUTE = Set.of("__attribute__", "__attribute", "__declspec");

    static final Set<String> ASM = Set.of("__asm__", "__asm", "asm");

    static final Set<String> ALIGNAS = Set.of("_Alignas", "alignas");

    static final Set<String> TYPEOF = Set.of("__typeof__", "__typeof", "typeof", "typeof_unqual", "__typeof_unqual__");

    static boolean isTypeKeyword(String s) {
        return BASIC_TYPES.contains(s) || s.equals("struct") || s.equals("union") || s.equals("enum");
    }

    /** Whether a word may begin declaration specifiers (a typedef name aside). */
    static boolean startsSpecifiers(String s) {
        return isTypeKeyword(s)
                || STORAGE.contains(s)
                || FUNCTION_SPECIFIERS.contains(s)
                || QUALIFIERS.contains(s)
                || ATTRIBUTE.contains(s)
                || ALIGNAS.contains(s)
                || TYPEOF.contains(s)
                || s.equals("_Atomic")
                || IGNORED.contains(s);
    }
}

package org.cffi4j.internal.parse;

import org.cffi4j.ctype.CType;

/** The declaration specifiers before a list of declarators: storage, qualifiers, base type, attributes. */
final class DeclSpecs {
    /** {@code typedef}, {@code extern}, {@code static}, ... or null. */
    String storage;

    boolean inline;
    boolean threadLocal;
    /** Qualifiers of the base type ({@link org.cffi4j.ctype.Qualifiers} flags). */
    int qualifiers;
    /** The base type. */
    CType type;
    /** Whether a struct/union/enum body was declared in these specifiers. */
    boolean definesTag;
    /** Whether the base type is a struct, union or enum named by its keyword (not a typedef). */
    boolean taggedType;

    final Attributes attributes = new Attributes();
    Token start;

    boolean isTypedef() {
        return "typedef".equals(storage);
    }
}

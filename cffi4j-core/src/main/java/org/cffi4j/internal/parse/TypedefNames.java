package org.cffi4j.internal.parse;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.cffi4j.ctype.CType;
import org.cffi4j.internal.decl.Declaration;
import org.cffi4j.internal.decl.DeclarationTable;
import org.cffi4j.internal.layout.Primitives;
import org.cffi4j.internal.message.Suggestions;

/**
 * The typedef names a cdef sees: those its table declares, and the {@link Predefined} ones, which a
 * declaration of the same name hides.
 */
final class TypedefNames {
    private final DeclarationTable table;

    private final Primitives primitives;

    TypedefNames(DeclarationTable table) {
        this.table = table;
        this.primitives = Primitives.of(table.abi());
    }

    /** The type named by a typedef name, user-declared or predefined. */
    Optional<CType> type(String name) {
        Declaration d = table.lookup(name).orElse(null);
        if (d instanceof Declaration.Typedef t) {
            return Optional.of(t.type());
        }
        return d == null ? Predefined.type(primitives, name) : Optional.empty();
    }

    /** The qualifiers a typedef name carries ({@code typedef volatile int spin_t;}): 0 for none. */
    int qualifiers(String name) {
        return table.lookup(name).orElse(null) instanceof Declaration.Typedef t ? t.qualifiers() : 0;
    }

    /** Whether a name is, at this point, a typedef name (which makes {@code name * x;} a declaration). */
    boolean isTypedefName(String name) {
        Declaration d = table.lookup(name).orElse(null);
        return d instanceof Declaration.Typedef
                || (d == null && Predefined.type(primitives, name).isPresent());
    }

    /**
     * "Unknown type name 'size_tt'", with the nearest type name declared or predefined ("; did you
     * mean 'size_t'?") when it looks like a typo.
     */
    String unknown(String name) {
        return unknown(name, "");
    }

    /** {@link #unknown(String)} with where it was met, e.g. {@code " in 'struct p'"}. */
    String unknown(String name, String where) {
        Set<String> names = new HashSet<>(Predefined.names(primitives));
        names.addAll(Keywords.BASIC_TYPES);
        for (Declaration d : table.declarations()) {
            if (d instanceof Declaration.Typedef) {
                names.add(d.name());
            }
        }
        return "unknown type name '" + name + "'" + where + Suggestions.didYouMean(name, names);
    }
}

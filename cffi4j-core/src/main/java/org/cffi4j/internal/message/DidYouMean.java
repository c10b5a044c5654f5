package org.cffi4j.internal.message;

import java.util.ArrayList;
import java.util.List;
import org.cffi4j.ctype.EnumType;
import org.cffi4j.ctype.Enumerator;
import org.cffi4j.ctype.Field;
import org.cffi4j.ctype.StructType;
import org.cffi4j.internal.TypeAccess;
import org.cffi4j.internal.decl.Declaration;

/**
 * The "; did you mean 'strlen'?" to append to a "no such name" message, chosen among the names of
 * the right kind that exist: declared functions for a function, members of the struct for a member,
 * and so on. Only the error paths call these: collecting the candidates costs a walk over them.
 */
public final class DidYouMean {
    private DidYouMean() {}

    /**
     * The suggestion for {@code name} among the declarations of the given kinds ({@code
     * Declaration.Function.class}...), or the empty string.
     */
    @SafeVarargs
    public static String declared(
            String name, Iterable<Declaration> declarations, Class<? extends Declaration>... kinds) {
        List<String> candidates = new ArrayList<>();
        for (Declaration d : declarations) {
            for (Class<? extends Declaration> kind : kinds) {
                if (kind.isInstance(d)) {
                    candidates.add(d.name());
                }
            }
        }
        return Suggestions.didYouMean(name, candidates);
    }

    /**
     * The suggestion for {@code name} among the members of a struct or union, those of its anonymous
     * members included (they are reached by name as in C), or the empty string.
     */
    public static String member(String name, StructType struct) {
        List<String> candidates = new ArrayList<>();
        for (Field f : TypeAccess.mutators().namedMembers(struct)) {
            candidates.add(f.name());
        }
        return Suggestions.didYouMean(name, candidates);
    }

    /** The suggestion for {@code name} among the constants of an enum, or the empty string. */
    public static String enumerator(String name, EnumType type) {
        List<String> candidates = new ArrayList<>();
        for (Enumerator e : type.values()) {
            candidates.add(e.name());
        }
        return Suggestions.didYouMean(name, candidates);
    }
}

package org.cffi4j.internal.parse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cffi4j.internal.decl.Spelling;

/**
 * Reads the {@link Spelling} of a declaration from its tokens: the cdef's own words, with the
 * declared name and the function's parameter names left as slots.
 */
final class SpellingReader {
    private static final Object EMPTY_LIST = new Object(); // "()": reads "(void)"

    private SpellingReader() {}

    /**
     * The spelling of a function declarator {@code d} with specifiers {@code specifiers}, or null if
     * it cannot be written again on its own (a struct, union or enum body in it).
     */
    static Spelling of(List<Token> specifiers, List<Token> declaratorTokens, Declarator d) {
        return of(specifiers, withoutTrailingAttributes(declaratorTokens), d, false);
    }

    /**
     * The spelling of a typedef (without the word {@code typedef}), attributes included (they can
     * make the type: {@code vector_size}, {@code mode}), or null if it cannot be written again on its
     * own (a body in it) or would not mean the same ({@code [...]} is not {@code []}).
     */
    static Spelling ofTypedef(List<Token> specifiers, List<Token> declarator, Declarator d) {
        return of(specifiers, declarator, d, true);
    }

    private static Spelling of(List<Token> specifiers, List<Token> declarator, Declarator d, boolean typedef) {
        Map<Integer, Object> slots = new HashMap<>(); // token position -> replacement, or a slot to insert before
        Map<Integer, Object> before = new HashMap<>();
        slots.put(d.nameToken.pos(), Spelling.NAME);
        Declarator named = d;
        while (named.inner != null) {
            named = named.inner;
        }
        int parameters = -1;
        Declarator.Function own = null;
        if (!typedef && !named.suffixes.isEmpty() && named.suffixes.get(0) instanceof Declarator.Function f) {
            own = f;
            parameters = own.declarators().size();
            for (int i = 0; i < parameters; i++) {
                Declarator p = own.declarators().get(i);
                if (p.nameToken != null) {
                    slots.put(p.nameToken.pos(), i);
                } else if (p.nameSlot != null) {
                    before.put(p.nameSlot.pos(), i);
                } else {
                    parameters = -1; // not expected: then the parameters cannot be named
                }
            }
        }
        forget(d, slots, own);
        List<Object> parts = new ArrayList<>();
        for (Token t : specifiers) {
            if (t.is("{")) {
                return null;
            }
            if (!(Keywords.STORAGE.contains(t.text()) || Keywords.FUNCTION_SPECIFIERS.contains(t.text()))) {
                parts.add(t.text());
            }
        }
        Token previous = null;
        for (int k = 0; k < declarator.size(); k++) {
            Token t = declarator.get(k);
            if (t.is("{")) {
                return null;
            }
            boolean apiModeLength = t.is("...") && previous != null && previous.is("[");
            previous = t;
            if (apiModeLength && typedef) {
                return null;
            }
            if (apiModeLength) {
                continue; // "[...]" reads "[]"
            }
            Object b = before.get(t.pos());
            if (b != null) {
                parts.add(b);
            }
            Object replacement = slots.get(t.pos());
            if (replacement == EMPTY_LIST) {
                boolean empty =
                        k + 1 < declarator.size() && declarator.get(k + 1).is(")");
                replacement = empty ? "( void" : null; // "()" reads "(void)", as cdef reads it
            }
            parts.add(replacement != null ? replacement : t.text());
        }
        return new Spelling(parts, parameters);
    }

    // "f(int) __attribute__((nonnull))": a definition takes no attribute after its declarator.
    private static List<Token> withoutTrailingAttributes(List<Token> tokens) {
        int end = tokens.size();
        while (end > 0 && tokens.get(end - 1).is(")")) {
            int depth = 0;
            int open = end - 1;
            for (; open >= 0; open--) {
                Token t = tokens.get(open);
                depth += t.is(")") ? 1 : t.is("(") ? -1 : 0;
                if (depth == 0) {
                    break;
                }
            }
            if (open < 1 || !Keywords.ATTRIBUTE.contains(tokens.get(open - 1).text())) {
                break;
            }
            end = open - 1;
        }
        return tokens.subList(0, end);
    }

    // The names of parameters other than the function's own are left out (so that no macro of the
    // source can change them); the parameter lists without parameters are noted.
    private static void forget(Declarator d, Map<Integer, Object> slots, Declarator.Function own) {
        for (Declarator.Step s : d.suffixes) {
            if (s instanceof Declarator.Function f) {
                if (f.params().isEmpty() && !f.variadic()) {
                    slots.put(f.at().pos(), EMPTY_LIST);
                }
                for (Declarator p : f.declarators()) {
                    if (f != own && p.nameToken != null) {
                        slots.put(p.nameToken.pos(), "");
                    }
                    forget(p, slots, own);
                }
            }
        }
        if (d.inner != null) {
            forget(d.inner, slots, own);
        }
    }
}

package org.cffi4j.internal.parse;

import java.util.List;
import org.cffi4j.CDefException;

/**
 * The parser's cursor over the tokens, with the two verbs that make a recursive-descent parser read
 * like the grammar: {@link #accept(String)} and {@link #expect(String)}. It also knows the name of
 * the declaration being parsed, so that every error can say where it happened.
 */
final class TokenStream {
    /** The deepest nesting of declarators, expressions or bodies before cdef gives up. */
    static final int MAX_DEPTH = 200;

    private final List<Token> tokens;
    private final Diagnostics diagnostics;
    private int index;
    private int depth;
    private String declarationName;

    TokenStream(List<Token> tokens, Diagnostics diagnostics) {
        this.tokens = tokens;
        this.diagnostics = diagnostics;
    }

    /** A position to go back to, with the nesting depth there. */
    record Mark(int index, int depth) {}

    /** The current position, for {@link #reset}. */
    Mark mark() {
        return new Mark(index, depth);
    }

    /** Goes back to a position given by {@link #mark}. */
    void reset(Mark mark) {
        index = mark.index();
        depth = mark.depth();
    }

    Token peek() {
        return tokens.get(index);
    }

    Token peek(int ahead) {
        return tokens.get(Math.min(index + ahead, tokens.size() - 1));
    }

    Token next() {
        Token t = tokens.get(index);
        if (t.kind() != Token.Kind.END_OF_INPUT) {
            index++;
        }
        return t;
    }

    /** The index of the next token, to take the tokens of a declaration with {@link #slice}. */
    int index() {
        return index;
    }

    /** The tokens from index {@code from} (inclusive) to {@code to} (exclusive). */
    List<Token> slice(int from, int to) {
        return List.copyOf(tokens.subList(from, to));
    }

    boolean at(String s) {
        return peek().is(s);
    }

    boolean at(Token.Kind kind) {
        return peek().kind() == kind;
    }

    /** Consumes the token if it is {@code s}. */
    boolean accept(String s) {
        if (peek().is(s)) {
            index++;
            return true;
        }
        return false;
    }

    /** Consumes {@code s} or fails with "expected 's'". */
    Token expect(String s) {
        if (!peek().is(s)) {
            throw expected("'" + s + "'");
        }
        return next();
    }

    /** Consumes a token of the given kind or fails with "expected what". */
    Token expect(Token.Kind kind, String what) {
        if (peek().kind() != kind) {
            throw expected(what);
        }
        return next();
    }

    /** An error at the current token: "expected X but found Y". */
    CDefException expected(String what) {
        return error(peek(), "expected " + what + " but found " + peek().describe());
    }

    /** An error at a token, naming the declaration being parsed. */
    CDefException error(Token at, String message) {
        return error(at.pos(), message);
    }

    /** An error at a source offset, naming the declaration being parsed. */
    CDefException error(int pos, String message) {
        String where = declarationName == null ? "" : " (in declaration of '" + declarationName + "')";
        return diagnostics.error(pos, message + where);
    }

    /** Where a token is, as {@code file:line:column}. */
    String location(Token t) {
        return diagnostics.location(t.pos());
    }

    /** The name of the declaration being parsed, for messages; {@code null} between declarations. */
    void declaring(String name) {
        declarationName = name;
    }

    String declarationName() {
        return declarationName;
    }

    /** Enters one more level of nesting, failing cleanly past {@link #MAX_DEPTH}. */
    void enter() {
        if (++depth > MAX_DEPTH) {
            depth = 0;
            throw error(peek(), "declaration nested too deeply (more than " + MAX_DEPTH + " levels)");
        }
    }

    void leave() {
        depth--;
    }

    /** Skips a balanced group starting at the current '(' / '[' / '{', iteratively. */
    void skipBalanced() {
        Token open = peek();
        int level = 0;
        do {
            Token t = next();
            if (t.kind() == Token.Kind.END_OF_INPUT) {
                throw error(open, "unbalanced " + open.describe() + ": no matching close before the end of input");
            }
            if (t.kind() == Token.Kind.PUNCTUATOR) {
                switch (t.text()) {
                    case "(", "[", "{" -> level++;
                    case ")", "]", "}" -> level--;
                    default -> {}
                }
            }
        } while (level > 0);
    }
}

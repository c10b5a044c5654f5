package org.cffi4j.internal.parse;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits cdef source into tokens in one linear pass. Comments and line continuations are dropped;
 * line markers of {@code gcc -E} output feed the {@link SourceMap}; {@code #define} and
 * {@code #pragma} lines become directive tokens; any other directive is an error, since cdef does
 * not preprocess.
 */
final class Lexer {
    private static final String[] PUNCTUATORS = {
        "...", "<<=", ">>=", "->", "++", "--", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||", "*=", "/=", "%=", "+=",
        "-=", "&=", "^=", "|=", "##"
    };

    private final String src;
    private final SourceMap map;
    private final Diagnostics diagnostics;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;
    private boolean inDirective;

    Lexer(String src, SourceMap map, Diagnostics diagnostics) {
        this.src = src;
        this.map = map;
        this.diagnostics = diagnostics;
    }

    /** All the tokens, ending with {@link Token.Kind#END_OF_INPUT}. */
    List<Token> tokenize() {
        boolean lineStart = true;
        while (true) {
            lineStart = skipSpace(lineStart);
            if (pos >= src.length()) {
                endDirective();
                tokens.add(new Token(Token.Kind.END_OF_INPUT, "", src.length()));
                return tokens;
            }
            char c = src.charAt(pos);
            if (c == '#' && lineStart && !inDirective) {
                directive();
            } else {
                tokens.add(next(c));
            }
            lineStart = false;
        }
    }

    // Skips blanks and comments; returns whether we are at the start of a line. A line end (\n, \r
    // or \r\n, as C compilers take them) ends a directive.
    private boolean skipSpace(boolean lineStart) {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == '\n' || c == '\r') {
                endDirective();
                lineStart = true;
                pos += lineEndLength(pos);
            } else if (c == ' ' || c == '\t' || c == '\f' || c == 0x0B) {
                pos++;
            } else if (c == '\\' && lineEndLength(pos + 1) > 0) {
                pos += 1 + lineEndLength(pos + 1); // a line splice
            } else if (startsWith("/*")) {
                int end = src.indexOf("*/", pos + 2);
                if (end < 0) {
                    throw diagnostics.error(pos, "unterminated comment");
                }
                pos = end + 2;
            } else if (startsWith("//")) {
                skipLineComment();
            } else {
                break;
            }
        }
        return lineStart;
    }

    /** The length of the line end at {@code at} (1 for \n or \r, 2 for \r\n), 0 if none is there. */
    private int lineEndLength(int at) {
        if (at >= src.length()) {
            return 0;
        }
        char c = src.charAt(at);
        if (c == '\r') {
            return at + 1 < src.length() && src.charAt(at + 1) == '\n' ? 2 : 1;
        }
        return c == '\n' ? 1 : 0;
    }

    // A // comment ends at the end of its line; a backslash just before the line end splices the
    // next line to it (the compiler splices lines before it removes comments), so it goes on.
    private void skipLineComment() {
        while (pos < src.length() && lineEndLength(pos) == 0) {
            pos += src.charAt(pos) == '\\' && lineEndLength(pos + 1) > 0 ? 1 + lineEndLength(pos + 1) : 1;
        }
    }

    private void endDirective() {
        if (inDirective) {
            tokens.add(new Token(Token.Kind.END_OF_LINE, "", pos));
            inDirective = false;
        }
    }

    private boolean startsWith(String s) {
        return src.startsWith(s, pos);
    }

    private void directive() {
        int hash = pos;
        pos++;
        skipBlanks();
        int nameStart = pos;
        while (pos < src.length() && Character.isLetterOrDigit(src.charAt(pos))) {
            pos++;
        }
        String name = src.substring(nameStart, pos);
        if (name.isEmpty() || Character.isDigit(name.charAt(0)) || name.equals("line")) {
            lineMarker(hash, name.equals("line") ? null : name);
        } else if (name.equals("define")) {
            tokens.add(new Token(Token.Kind.DEFINE, "define", hash));
            inDirective = true;
        } else if (name.equals("pragma")) {
            tokens.add(new Token(Token.Kind.PRAGMA, "pragma", hash));
            inDirective = true;
        } else if (name.equals("ident") || name.equals("sccs")) {
            skipToEndOfLine();
        } else {
            throw diagnostics.error(
                    hash,
                    "cdef does not run the C preprocessor, so '#" + name
                            + "' cannot be used: preprocess the header first (gcc -E) and pass its output,"
                            + " or write the declarations out");
        }
    }

    // "# 12 "file.h" 1 3 4", "#line 12 "file"" or a null directive "#".
    private void lineMarker(int hash, String digits) {
        if (digits == null) {
            skipBlanks();
            int start = pos;
            while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
                pos++;
            }
            digits = src.substring(start, pos);
        }
        if (digits.isEmpty()) {
            skipToEndOfLine();
            return;
        }
        skipBlanks();
        String file = null;
        if (pos < src.length() && src.charAt(pos) == '"') {
            int end = src.indexOf('"', pos + 1);
            if (end > 0 && src.substring(pos + 1, end).chars().noneMatch(c -> c == '\n' || c == '\r')) {
                file = src.substring(pos + 1, end);
            }
        }
        skipToEndOfLine();
        try {
            map.addMarker(hash, file != null ? file : "cdef", Integer.parseInt(digits));
        } catch (NumberFormatException e) {
            throw diagnostics.error(hash, "bad line number in line marker: " + digits);
        }
    }

    private void skipBlanks() {
        while (pos < src.length() && (src.charAt(pos) == ' ' || src.charAt(pos) == '\t')) {
            pos++;
        }
    }

    private void skipToEndOfLine() {
        while (pos < src.length() && lineEndLength(pos) == 0) {
            pos++;
        }
    }

    private Token next(char c) {
        int start = pos;
        if (Character.isLetter(c) || c == '_' || c == '$') {
            return identifierOrLiteral(start);
        }
        if (Character.isDigit(c) || (c == '.' && pos + 1 < src.length() && Character.isDigit(src.charAt(pos + 1)))) {
            return number(start);
        }
        if (c == '\'' || c == '"') {
            return quoted(start, start);
        }
        for (String p : PUNCTUATORS) {
            if (src.startsWith(p, pos)) {
                pos += p.length();
                return new Token(Token.Kind.PUNCTUATOR, p, start);
            }
        }
        if ("{}[]();,:?=*&|^~!<>+-/%.#".indexOf(c) >= 0) {
            pos++;
            return new Token(Token.Kind.PUNCTUATOR, String.valueOf(c), start);
        }
        throw diagnostics.error(start, "unexpected character '" + Printable.escape(String.valueOf(c)) + "'");
    }

    private Token identifierOrLiteral(int start) {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '$')) {
                break;
            }
            pos++;
        }
        String word = src.substring(start, pos);
        boolean prefix = word.equals("L") || word.equals("u") || word.equals("U") || word.equals("u8");
        if (prefix && pos < src.length() && (src.charAt(pos) == '\'' || src.charAt(pos) == '"')) {
            return quoted(start, pos);
        }
        return new Token(Token.Kind.IDENTIFIER, word, start);
    }

    private Token number(int start) {
        boolean floating = false;
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if ((c == '+' || c == '-') && isExponent(src.charAt(pos - 1), start)) {
                floating = true;
                pos++;
            } else if (Character.isLetterOrDigit(c) || c == '_' || c == '.') {
                floating |= c == '.';
                pos++;
            } else {
                break;
            }
        }
        String text = src.substring(start, pos);
        boolean hex = text.startsWith("0x") || text.startsWith("0X");
        if (!hex && (text.contains("e") || text.contains("E"))) {
            floating = true;
        }
        return new Token(floating ? Token.Kind.FLOATING : Token.Kind.INTEGER, text, start);
    }

    private boolean isExponent(char previous, int start) {
        boolean hex = src.startsWith("0x", start) || src.startsWith("0X", start);
        return hex ? previous == 'p' || previous == 'P' : previous == 'e' || previous == 'E';
    }

    private Token quoted(int start, int quotePos) {
        char quote = src.charAt(quotePos);
        pos = quotePos + 1;
        while (pos < src.length() && src.charAt(pos) != quote) {
            char c = src.charAt(pos);
            if (c == '\n' || c == '\r') {
                break;
            }
            pos += c == '\\' && lineEndLength(pos + 1) == 2 ? 3 : c == '\\' ? 2 : 1;
        }
        if (pos >= src.length() || src.charAt(pos) != quote) {
            throw diagnostics.error(start, "missing terminating " + quote + " character");
        }
        pos++;
        Token.Kind kind = quote == '"' ? Token.Kind.STRING : Token.Kind.CHARACTER;
        return new Token(kind, src.substring(start, pos), start);
    }
}

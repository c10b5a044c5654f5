package org.cffi4j.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits C text into lexemes for token-level mutations. Deliberately independent of cdef's own
 * lexer (it must not share its bugs): it only has to be close enough that deleting, duplicating
 * or swapping a lexeme makes a plausible near-miss of valid C. Whitespace and comments are kept
 * as lexemes of their own, so that joining the lexemes gives the text back.
 */
final class Lexemes {
    private static final Pattern LEXEME = Pattern.compile(
            "\\s+" // whitespace, newlines included (they end directives)
                    + "|//[^\\n]*|/\\*.*?\\*/" // comments
                    + "|(?:L|u8|u|U)?\"(?:\\\\.|[^\"\\\\\\n])*\"" // string literals
                    + "|(?:L|u|U)?'(?:\\\\.|[^'\\\\\\n])*'" // character constants
                    + "|[A-Za-z_$][A-Za-z0-9_$]*" // identifiers and keywords
                    + "|\\.?[0-9](?:[eEpP][+-]|[0-9A-Za-z_.])*" // numbers
                    + "|\\.\\.\\.|<<=|>>=|->|\\+\\+|--|<<|>>|<=|>=|==|!=|&&|\\|\\||[*/%+\\-&|^]=|##" // long punctuators
                    + "|.", // anything else, one character
            Pattern.DOTALL);

    private Lexemes() {}

    /** The lexemes of {@code text}; their concatenation is {@code text}. */
    static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = LEXEME.matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /** Whether a lexeme is whitespace or a comment, which token mutations skip. */
    static boolean isBlank(String lexeme) {
        return lexeme.isBlank() || lexeme.startsWith("//") || lexeme.startsWith("/*");
    }
}

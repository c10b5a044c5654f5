package org.cffi4j.codegen;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

/** The fenced blocks of a Markdown document, as the documentation tests find them. */
final class Markdown {
    private Markdown() {}

    /** The code of the last block opened by {@code fence} before line {@code before}. */
    static String blockBefore(List<String> lines, int before, String fence) {
        int open = -1;
        for (int i = 0; i < before; i++) {
            if (lines.get(i).equals(fence)) {
                open = i;
            }
        }
        assertTrue(open >= 0, "no " + fence + " block before line " + (before + 1));
        return blockFrom(lines, open);
    }

    /** The first line from {@code from} that is {@code line}, or -1. */
    static int indexFrom(List<String> lines, int from, String line) {
        for (int i = from; i < lines.size(); i++) {
            if (lines.get(i).equals(line)) {
                return i;
            }
        }
        return -1;
    }

    /** The code of the block whose opening fence is at {@code open}. */
    static String blockFrom(List<String> lines, int open) {
        assertTrue(open >= 0, "a block is missing");
        StringBuilder code = new StringBuilder();
        for (int i = open + 1; !lines.get(i).startsWith("```"); i++) {
            code.append(lines.get(i)).append('\n');
        }
        return code.toString();
    }
}

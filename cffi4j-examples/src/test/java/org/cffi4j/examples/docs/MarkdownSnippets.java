package org.cffi4j.examples.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Java code blocks of a Markdown document, as the documentation tests run them.
 *
 * <p>A {@code java} block is one of three kinds: a <em>program</em> (it declares a {@code main}
 * method; the {@code text} block that follows it, if any, is what it prints), a <em>module
 * declaration</em> ({@code module x { ... }}, for the program before it), or <em>jshell code</em>:
 * imports, declarations and statements as jshell takes them. All the jshell blocks of a document
 * run in order in one session, so a block may use what an earlier one declared.
 *
 * <p>In jshell code, a comment at the end of a statement may state what it gives, and the test
 * checks it: {@code // → 42} (the value, as {@code String.valueOf} prints it; a Java string literal
 * is compared with the string; a Java array as {@code Arrays.toString} prints it; of a declaration,
 * the declared variable), or {@code // throws FFIException: message} (the statement must throw that
 * exception, whose message starts with the given text, {@code ...} at its end marking a prefix).
 */
record MarkdownSnippets(Path file, List<Block> blocks) {

    /** What a {@code java} block is. */
    enum Kind {
        PROGRAM,
        MODULE,
        JSHELL,
        /**
         * A program that calls a class generated at build time, marked by {@link #GENERATED_MARK}
         * on the line before it: cffi4j-codegen's DocumentedBindingsTest generates the class and runs it.
         */
        GENERATED,
        /**
         * The Java class of an embedded library, marked by {@link #EMBEDDED_MARK} on the line before
         * it: cffi4j-codegen's DocumentedEmbeddingTest builds the library and runs its C program.
         */
        EMBEDDED
    }

    /** The line before a program that uses a generated binding. */
    static final String GENERATED_MARK =
            "<!-- uses a generated binding: cffi4j-codegen's DocumentedBindingsTest generates it and runs this -->";

    /** The line before the Java class of an embedded library. */
    static final String EMBEDDED_MARK =
            "<!-- a Java plugin: cffi4j-codegen's DocumentedEmbeddingTest builds it and runs the C program after it -->";

    /**
     * A {@code java} block.
     *
     * @param kind what it is
     * @param line the document line of its first code line
     * @param code the code
     * @param output for a program, the {@code text} block right after it (what it prints), or null
     */
    record Block(Kind kind, int line, String code, String output) {}

    private static final Pattern FENCE = Pattern.compile("^```(\\w*)\\s*$");
    private static final Pattern MAIN = Pattern.compile("static\\s+void\\s+main\\s*\\(");
    private static final Pattern MODULE =
            Pattern.compile("^\\s*(open\\s+)?module\\s+[\\w.]+\\s*\\{", Pattern.MULTILINE);

    /** Reads the blocks of a Markdown file. */
    static MarkdownSnippets read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher open = FENCE.matcher(lines.get(i));
            if (!open.matches() || !open.group(1).equals("java")) {
                continue;
            }
            int start = i + 1;
            StringBuilder code = new StringBuilder();
            for (i = start; i < lines.size() && !lines.get(i).startsWith("```"); i++) {
                code.append(lines.get(i)).append('\n');
            }
            String text = code.toString();
            String before = start >= 2 ? lines.get(start - 2) : "";
            Kind kind = before.equals(GENERATED_MARK)
                    ? Kind.GENERATED
                    : before.equals(EMBEDDED_MARK)
                            ? Kind.EMBEDDED
                            : MAIN.matcher(text).find()
                                    ? Kind.PROGRAM
                                    : MODULE.matcher(text).find() ? Kind.MODULE : Kind.JSHELL;
            blocks.add(new Block(kind, start + 1, text, kind == Kind.PROGRAM ? outputAfter(lines, i + 1) : null));
        }
        return new MarkdownSnippets(file, blocks);
    }

    // The text block that follows a program, with at most one line of prose between them.
    private static String outputAfter(List<String> lines, int from) {
        int i = from;
        while (i < lines.size() && lines.get(i).isBlank()) {
            i++;
        }
        if (i < lines.size() && !lines.get(i).startsWith("```")) {
            i++; // "It prints:"
            while (i < lines.size() && lines.get(i).isBlank()) {
                i++;
            }
        }
        if (i >= lines.size() || !lines.get(i).equals("```text")) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (i++; i < lines.size() && !lines.get(i).startsWith("```"); i++) {
            out.append(lines.get(i)).append('\n');
        }
        return out.toString();
    }

    /** The blocks of one kind. */
    List<Block> of(Kind kind) {
        return blocks.stream().filter(b -> b.kind() == kind).toList();
    }
}

package org.cffi4j.examples.docs;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the jshell blocks of a document into one jshell script whose checks report where they
 * fail: each {@code // →} and {@code // throws} comment becomes a call of a checking method, and
 * each block first prints its place in the document, so that an error jshell reports can be traced
 * back to it.
 */
final class JshellScript {
    /** Printed before each block: the place in the document follows. */
    static final String PLACE = "@@ ";
    /** Printed by a failed check: the place and what differed follow. */
    static final String FAILED = "@@FAILED ";
    /** Printed at the end when the script ran through. */
    static final String DONE = "@@DONE";

    private static final Pattern EXPECT = Pattern.compile("^(.*;)\\s*// → (.+)$");
    private static final Pattern THROWS = Pattern.compile("^(.*;)\\s*// throws (\\w+): (.+)$");
    private static final Pattern DECLARATION =
            Pattern.compile("^\\s*(?:final\\s+)?[A-Za-z_][\\w.]*(?:<.*>)?(?:\\[\\])*\\s+([A-Za-z_]\\w*)\\s*=.*;$");

    // Defined before the document's code; fully qualified, since the document shows its own imports.
    private static final String PRELUDE = """
            void __at(String place) { System.out.println("%1$s" + place); }
            String __show(Object v) {
                if (v == null) return "null";
                if (v.getClass().isArray()) {
                    String s = java.util.Arrays.deepToString(new Object[] {v});
                    return s.substring(1, s.length() - 1);
                }
                return String.valueOf(v);
            }
            void __check(Object actual, String expected, String place) {
                boolean literal = expected.length() >= 2 && expected.startsWith("\\"") && expected.endsWith("\\"");
                String want = literal ? expected.substring(1, expected.length() - 1).translateEscapes() : expected;
                String got = literal && actual instanceof String s ? s : __show(actual);
                if (!want.equals(got)) System.out.println("%2$s" + place + ": expected " + expected + ", got " + got);
            }
            void __throws(Runnable r, String type, String message, String place) {
                try {
                    r.run();
                    System.out.println("%2$s" + place + ": expected " + type + ", nothing was thrown");
                } catch (Throwable t) {
                    String m = String.valueOf(t.getMessage());
                    boolean prefix = message.endsWith("...");
                    String want = prefix ? message.substring(0, message.length() - 3) : message;
                    boolean ok = t.getClass().getSimpleName().equals(type)
                            && (prefix ? m.startsWith(want) : m.lines().findFirst().orElse("").equals(want));
                    if (!ok) System.out.println("%2$s" + place + ": expected " + type + ": " + message + ", got " + t);
                }
            }
            """.formatted(PLACE, FAILED);

    private JshellScript() {}

    /** The script for the jshell blocks of a document named {@code name}. */
    static String of(String name, List<MarkdownSnippets.Block> blocks) {
        StringBuilder script = new StringBuilder(PRELUDE);
        for (MarkdownSnippets.Block b : blocks) {
            script.append("__at(\"").append(name).append(':').append(b.line()).append("\");\n");
            String[] lines = b.code().split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                script.append(line(lines[i], name + ":" + (b.line() + i))).append('\n');
            }
        }
        return script.append("System.out.println(\"")
                .append(DONE)
                .append("\");\n/exit\n")
                .toString();
    }

    private static String line(String line, String place) {
        Matcher expect = EXPECT.matcher(line);
        if (expect.matches()) {
            String code = expect.group(1);
            String expected = quote(expect.group(2).strip());
            Matcher declaration = DECLARATION.matcher(code);
            if (declaration.matches()) {
                return code + " __check(" + declaration.group(1) + ", " + expected + ", \"" + place + "\");";
            }
            String expression = code.strip().substring(0, code.strip().length() - 1);
            return "__check(" + expression + ", " + expected + ", \"" + place + "\");";
        }
        Matcher fails = THROWS.matcher(line);
        if (fails.matches()) {
            return "__throws(() -> { " + fails.group(1).strip() + " }, \"" + fails.group(2) + "\", "
                    + quote(fails.group(3).strip()) + ", \"" + place + "\");";
        }
        if (line.contains("// →") || line.contains("// throws ")) {
            throw new IllegalArgumentException(place + ": a check comment must follow a whole statement on its line");
        }
        return line;
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}

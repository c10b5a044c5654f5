package org.cffi4j.testing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the C program through which a test asks the C compiler about many types at once, compiles
 * and runs it ({@link GccProbe}), and reads its answers: each question has a key, and the program
 * prints one line per key. Values are integers ({@link #value}); a bitfield's place is found by
 * zero-filling the record, storing -1 into the bitfield and looking for the bits that turned on
 * ({@link #bitfield}).
 */
public final class ProbeProgram {
    private static final String HELPERS = """
            #include <stdio.h>
            #include <stddef.h>
            #include <string.h>
            static void probe_bits(const char *key, const void *p, size_t n) {
                const unsigned char *b = p;
                long lo = -1, count = 0;
                for (size_t i = 0; i < n * 8; i++) {
                    if (b[i / 8] >> (i % 8) & 1) { if (lo < 0) lo = (long) i; count++; }
                }
                printf("%s\\t%ld:%ld\\n", key, lo, count);
            }
            """;

    private final StringBuilder declarations = new StringBuilder();
    private final StringBuilder main = new StringBuilder();

    /** Adds C declarations after the prologue, before {@code main}. */
    public void declare(String c) {
        declarations.append(c);
        if (!c.endsWith("\n")) {
            declarations.append('\n');
        }
    }

    /** Asks for the value of an integer expression ({@code sizeof(t)}, a constant...), as a {@code long long}. */
    public void value(String key, String cExpression) {
        main.append("    printf(\"%s\\t%lld\\n\", ")
                .append(literal(key))
                .append(", (long long) (")
                .append(cExpression)
                .append("));\n");
    }

    /** Asks where the bitfield {@code member} (a C member path) of {@code recordType} lies: see {@link #bits}. */
    public void bitfield(String key, String recordType, String member) {
        main.append("    { static ")
                .append(recordType)
                .append(" v; memset(&v, 0, sizeof v); v.")
                .append(member)
                .append(" = -1; probe_bits(")
                .append(literal(key))
                .append(", &v, sizeof v); }\n");
    }

    /** The C program: the standard headers it needs, {@code prologue}, the declarations, then {@code main}. */
    public String program(String prologue) {
        return HELPERS + prologue + (prologue.endsWith("\n") ? "" : "\n") + declarations + "int main(void) {\n" + main
                + "    return 0;\n}\n";
    }

    /** Compiles the program (with extra compiler arguments), runs it, and returns its answers by key. */
    public Map<String, String> run(String prologue, String... compilerArgs) {
        return parse(GccProbe.compileAndRun(program(prologue), compilerArgs));
    }

    /** The answers in the output of {@link #program}, by key. */
    public static Map<String, String> parse(String output) {
        Map<String, String> answers = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            int tab = line.lastIndexOf('\t');
            if (tab > 0) {
                answers.put(line.substring(0, tab), line.substring(tab + 1).strip());
            }
        }
        return answers;
    }

    /** A {@link #bitfield} answer as {lowest bit, width in bits}; {-1, 0} if no bit turned on. */
    public static long[] bits(String answer) {
        int colon = answer.indexOf(':');
        return new long[] {Long.parseLong(answer.substring(0, colon)), Long.parseLong(answer.substring(colon + 1))};
    }

    private static String literal(String key) {
        return "\"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}

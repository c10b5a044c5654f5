package org.cffi4j.layout;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cffi4j.layout.DeclGenerator.GeneratedSet;
import org.cffi4j.layout.SetScope.Query;
import org.cffi4j.testing.GccProbe;

/**
 * Puts many generated sets into one C program that answers every query of every set, compiles
 * and runs it once, and returns the answers by set and query number. A bitfield is answered with
 * its lowest bit and its width, found by storing -1 into a zeroed record.
 */
final class OracleProbe {
    private static final String HEADER = """
            #include <stddef.h>
            #include <stdint.h>
            #include <uchar.h>
            #include <stdio.h>
            #include <string.h>
            static void bits(int set, int q, const void *p, size_t n) {
                const unsigned char *b = p;
                long lo = -1, count = 0;
                for (size_t i = 0; i < n * 8; i++) {
                    if (b[i / 8] >> (i % 8) & 1) { if (lo < 0) lo = (long) i; count++; }
                }
                printf("%d %d %ld:%ld\\n", set, q, lo, count);
            }
            """;

    private OracleProbe() {}

    /** gcc's answers, keyed {@code "<set> <query>"}. */
    static Map<String, String> ask(List<GeneratedSet> sets) {
        StringBuilder c = new StringBuilder(HEADER);
        StringBuilder main = new StringBuilder("int main(void) {\n");
        for (GeneratedSet set : sets) {
            c.append("/* set ").append(set.index()).append(" */\n").append(set.text());
            c.append("#pragma pack()\n"); // a set may end with a #pragma pack(N) in force
            for (int q = 0; q < set.queries().size(); q++) {
                main.append(line(set.index(), q, set.queries().get(q))).append('\n');
            }
        }
        c.append(main).append("return 0;\n}\n");
        Map<String, String> answers = new HashMap<>();
        for (String line : GccProbe.compileAndRun(c.toString()).split("\n")) {
            int space = line.indexOf(' ', line.indexOf(' ') + 1);
            answers.put(line.substring(0, space), line.substring(space + 1));
        }
        return answers;
    }

    private static String line(int set, int q, Query query) {
        String t = query.type();
        String head = "printf(\"" + set + " " + q + " ";
        return switch (query.kind()) {
            case "SIZE" -> head + "%zu\\n\", sizeof(" + t + "));";
            case "ALIGN" -> head + "%zu\\n\", _Alignof(" + t + "));";
            case "OFFSET" -> head + "%zu\\n\", offsetof(" + t + ", " + query.cPath() + "));";
            case "CONST" -> head + "%lld\\n\", (long long) (" + t + "));";
            case "SIGNED" -> head + "%d\\n\", (int) ((" + t + ") -1 < 0));";
            case "BITS" ->
                "{ static " + t + " s; memset(&s, 0, sizeof s); s." + query.cPath() + " = -1; bits(" + set + ", " + q
                        + ", &s, sizeof s); }";
            default -> throw new IllegalArgumentException(query.kind());
        };
    }
}

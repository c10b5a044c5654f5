package org.cffi4j.layout;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cffi4j.ctype.Field;
import org.cffi4j.ctype.StructType;
import org.cffi4j.testing.GccProbe;

/**
 * Asks gcc for the layout of many declarations in one compile-and-run: {@code sizeof}, {@code
 * _Alignof}, and the bit position and width of every named member. A member is reached by its C
 * path ({@code x}, or {@code inner} of an anonymous struct member); a bitfield's place is found by
 * zero-filling the record, storing -1 into the bitfield and looking for the bits that turned on.
 */
final class LayoutProbe {
    /** A named member as C reaches it. */
    record Path(String name, boolean bitfield) {}

    /** What gcc reported: {@code sizeof} and {@code _Alignof} of each row, and member places. */
    record Answers(Map<Integer, long[]> records, Map<String, long[]> members) {
        long[] record(int row) {
            return records.get(row);
        }

        /** {bit position, bit width (-1 for an ordinary member)} of a member of a row. */
        long[] member(int row, String path) {
            return members.get(row + " " + path);
        }
    }

    private static final String SCAN = """
            #include <stdio.h>
            #include <string.h>
            static void bits(int row, const char *path, const void *p, size_t n) {
                const unsigned char *b = p;
                long lo = -1, count = 0;
                for (size_t i = 0; i < n * 8; i++) {
                    if (b[i / 8] >> (i % 8) & 1) { if (lo < 0) lo = (long) i; count++; }
                }
                printf("%d %s %ld %ld\\n", row, path, lo, count);
            }
            """;

    private LayoutProbe() {}

    /** The named members of a laid-out record, anonymous struct and union members flattened. */
    static List<Path> paths(List<Field> fields) {
        List<Path> out = new ArrayList<>();
        for (Field f : fields) {
            if (f.isAnonymousMember()) {
                out.addAll(paths(((StructType) f.type()).fields()));
            } else if (f.name() != null) {
                out.add(new Path(f.name(), f.isBitfield()));
            }
        }
        return out;
    }

    /** Compiles the rows ({@code Decl} i defines {@code <kind> t<i>}) and returns what gcc says. */
    static Answers run(String prelude, List<Decl> rows, List<List<Path>> paths) {
        StringBuilder c = new StringBuilder(prelude).append(SCAN);
        StringBuilder main = new StringBuilder("int main(void) {\n");
        for (int i = 0; i < rows.size(); i++) {
            String type = rows.get(i).kind().keyword() + " t" + i;
            c.append(rows.get(i).c("t" + i));
            main.append(
                    String.format("printf(\"%d #record %%zu %%zu\\n\", sizeof(%s), _Alignof(%s));%n", i, type, type));
            for (Path p : paths.get(i)) {
                main.append(probe(i, type, p));
            }
        }
        c.append(main).append("return 0;\n}\n");
        return parse(GccProbe.compileAndRun(c.toString()));
    }

    private static String probe(int row, String type, Path p) {
        if (!p.bitfield()) {
            return String.format(
                    "printf(\"%d %s %%zu -1\\n\", offsetof(%s, %s) * 8);%n", row, p.name(), type, p.name());
        }
        return String.format(
                "{ %s s; memset(&s, 0, sizeof s); s.%s = -1; bits(%d, \"%s\", &s, sizeof s); }%n",
                type, p.name(), row, p.name());
    }

    private static Answers parse(String output) {
        Map<Integer, long[]> records = new HashMap<>();
        Map<String, long[]> members = new HashMap<>();
        for (String line : output.split("\n")) {
            String[] w = line.strip().split(" ");
            long[] values = {Long.parseLong(w[2]), Long.parseLong(w[3])};
            if (w[1].equals("#record")) {
                records.put(Integer.parseInt(w[0]), values);
            } else {
                members.put(w[0] + " " + w[1], values);
            }
        }
        return new Answers(records, members);
    }
}

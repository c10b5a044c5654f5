package org.cffi4j.layout;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cffi4j.ctype.Field;
import org.cffi4j.ctype.StructType;
import org.cffi4j.testing.ProbeProgram;

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
        ProbeProgram probe = new ProbeProgram();
        for (int i = 0; i < rows.size(); i++) {
            String type = rows.get(i).kind().keyword() + " t" + i;
            probe.declare(rows.get(i).c("t" + i));
            probe.value(i + " #sizeof", "sizeof(" + type + ")");
            probe.value(i + " #alignof", "_Alignof(" + type + ")");
            for (Path p : paths.get(i)) {
                String key = i + " " + p.name();
                if (p.bitfield()) {
                    probe.bitfield(key, type, p.name());
                } else {
                    probe.value(key, "offsetof(" + type + ", " + p.name() + ") * 8");
                }
            }
        }
        Map<String, String> answers = probe.run(prelude);
        Map<Integer, long[]> records = new HashMap<>();
        Map<String, long[]> members = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            records.put(i, new long[] {
                Long.parseLong(answers.get(i + " #sizeof")), Long.parseLong(answers.get(i + " #alignof"))
            });
            for (Path p : paths.get(i)) {
                String answer = answers.get(i + " " + p.name());
                members.put(
                        i + " " + p.name(),
                        p.bitfield() ? ProbeProgram.bits(answer) : new long[] {Long.parseLong(answer), -1});
            }
        }
        return new Answers(records, members);
    }
}

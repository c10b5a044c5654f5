package org.cffi4j.layout;

import java.util.List;
import java.util.Map;
import org.cffi4j.layout.DeclGenerator.GeneratedSet;
import org.cffi4j.layout.SetScope.Query;
import org.cffi4j.testing.ProbeProgram;

/**
 * Puts many generated sets into one C program that answers every query of every set, compiles
 * and runs it once, and returns the answers by set and query number. A bitfield is answered with
 * its lowest bit and its width, found by storing -1 into a zeroed record.
 */
final class OracleProbe {
    private static final String PROLOGUE = """
            #include <stdint.h>
            #include <uchar.h>
            """;

    private OracleProbe() {}

    /** gcc's answers, keyed {@code "<set> <query>"}. */
    static Map<String, String> ask(List<GeneratedSet> sets) {
        ProbeProgram probe = new ProbeProgram();
        for (GeneratedSet set : sets) {
            probe.declare("/* set " + set.index() + " */\n" + set.text());
            probe.declare("#pragma pack()"); // a set may end with a #pragma pack(N) in force
            for (int q = 0; q < set.queries().size(); q++) {
                ask(probe, set.index() + " " + q, set.queries().get(q));
            }
        }
        return probe.run(PROLOGUE);
    }

    private static void ask(ProbeProgram probe, String key, Query query) {
        String t = query.type();
        switch (query.kind()) {
            case "SIZE" -> probe.value(key, "sizeof(" + t + ")");
            case "ALIGN" -> probe.value(key, "_Alignof(" + t + ")");
            case "OFFSET" -> probe.value(key, "offsetof(" + t + ", " + query.cPath() + ")");
            case "CONST" -> probe.value(key, t);
            case "SIGNED" -> probe.value(key, "(" + t + ") -1 < 0");
            case "BITS" -> probe.bitfield(key, t, query.cPath());
            default -> throw new IllegalArgumentException(query.kind());
        }
    }
}

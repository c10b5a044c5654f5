package org.cffi4j.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client no one here wrote: the sqlite3 shell loads an embedded library as an extension
 * ({@code .load}); its SQL function and aggregate are Java ({@link JavaSqliteExtension}).
 */
class EmbeddedSqliteExtensionTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void build() {
        Embedder.build(Embedded.spec("sqlite_extension.cdef", JavaSqliteExtension.class, "javaext"), dir);
    }

    static CProgram.Run sqlite(String... sql) {
        List<String> cmd =
                new ArrayList<>(List.of("sqlite3", "-batch", "-cmd", ".load " + dir.resolve("libjavaext"), ":memory:"));
        cmd.addAll(List.of(sql));
        CProgram.Run r = CProgram.run(cmd, EmbeddedLibraryTest.cleanEnvironment(), dir);
        assertEquals(0, r.exitCode(), r.describe());
        assertEquals("", r.err(), r.describe());
        return r;
    }

    @Test
    void aSqlFunctionInJava() {
        assertEquals(
                List.of("olleh", "", "|5"),
                sqlite(
                                "select java_reverse('hello');",
                                "select java_reverse('');",
                                "select java_reverse(null), length(java_reverse('abcde'));")
                        .out()
                        .lines()
                        .toList());
    }

    @Test
    void anAggregateInJavaOverGroups() {
        String rows = "create table t(g text, x real);"
                + " insert into t values ('a', 3), ('a', 1), ('a', 2), ('b', 10), ('b', 40), ('b', 20), ('b', 30),"
                + " ('c', null);";
        assertEquals(
                List.of("a|2.0", "b|25.0", "c|"),
                sqlite(rows, "select g, java_median(x) from t group by g order by g;")
                        .out()
                        .lines()
                        .toList());
    }
}

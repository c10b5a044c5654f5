package org.cffi4j.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SQLite through a binding generated from the whole sqlite3.h: sqlite3_exec with a Java callback. */
class GeneratedSqliteTest {
    @TempDir
    static Path dir;

    static ClassLoader loader;
    static Class<?> sqlite;

    @BeforeAll
    static void generate() throws Exception {
        String cdef = Gcc.preprocess("#include <sqlite3.h>\n", List.of());
        String macros = Gcc.integerMacros("#include <sqlite3.h>\n", List.of(), "SQLITE_");
        GeneratedBinding b = Generator.generate(BindingSpec.abi(
                "org.example.Sqlite",
                List.of(new CdefSource("sqlite3.h", cdef), new CdefSource("macros", macros)),
                List.of("sqlite3")));
        loader = Compiled.load(dir, b);
        sqlite = Class.forName("org.example.Sqlite", true, loader);
    }

    static Object call(String name, Object... args) throws Throwable {
        return Compiled.invoke(sqlite, name, args);
    }

    // A callback of the generated interface sqlite3_callback (the typedef of the type of sqlite3_exec's
    // callback parameter), as a lambda would be.
    static MemorySegment callback(Arena arena, java.util.function.IntSupplier body, List<String> rows)
            throws Exception {
        Class<?> iface = Class.forName("org.example.Sqlite$sqlite3_callback", true, loader);
        Object fn = Proxy.newProxyInstance(loader, new Class<?>[] {iface}, (p, m, a) -> {
            if (!m.getName().equals("apply")) {
                return m.invoke(rows, a);
            }
            int columns = (int) a[1];
            MemorySegment values = ((MemorySegment) a[2]).reinterpret(8L * columns);
            rows.add(values.get(ValueLayout.ADDRESS, 0).reinterpret(100).getString(0));
            return body.getAsInt();
        });
        return (MemorySegment) iface.getMethod("allocate", iface, Arena.class).invoke(null, fn, arena);
    }

    @Test
    void execCallsAGeneratedCallbackPerRow() throws Throwable {
        assertEquals(0, sqlite.getField("SQLITE_OK").getInt(null));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment dbp = arena.allocate(ValueLayout.ADDRESS);
            assertEquals(0, call("sqlite3_open", arena.allocateFrom(":memory:"), dbp));
            MemorySegment db = dbp.get(ValueLayout.ADDRESS, 0);
            List<String> rows = new ArrayList<>();
            MemorySegment sql =
                    arena.allocateFrom("create table t(x text); insert into t values ('one'), ('two'), ('three');"
                            + " select x from t order by rowid;");
            assertEquals(
                    0,
                    call(
                            "sqlite3_exec",
                            db,
                            sql,
                            callback(arena, () -> 0, rows),
                            MemorySegment.NULL,
                            MemorySegment.NULL));
            assertEquals(List.of("one", "two", "three"), rows);

            rows.clear();
            MemorySegment select = arena.allocateFrom("select x from t order by rowid;");
            int abort = sqlite.getField("SQLITE_ABORT").getInt(null);
            assertEquals(
                    abort,
                    call(
                            "sqlite3_exec",
                            db,
                            select,
                            callback(arena, () -> 1, rows),
                            MemorySegment.NULL,
                            MemorySegment.NULL));
            assertEquals(List.of("one"), rows);

            rows.clear();
            PrintStream err = System.err;
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            System.setErr(new PrintStream(captured, true));
            try {
                // a throwing callback returns 0 to C: sqlite3_exec goes on with every row
                assertEquals(
                        0,
                        call(
                                "sqlite3_exec",
                                db,
                                select,
                                callback(
                                        arena,
                                        () -> {
                                            throw new IllegalStateException("row rejected");
                                        },
                                        rows),
                                MemorySegment.NULL,
                                MemorySegment.NULL));
            } finally {
                System.setErr(err);
            }
            assertEquals(3, rows.size());
            assertTrue(
                    captured.toString().contains("From cffi4j callback 'int(*)(void *, int, char * *, char * *)'")
                            || captured.toString()
                                    .contains("From cffi4j callback 'int(*)(void *, int, char **, char **)'"),
                    captured.toString());
            assertTrue(captured.toString().contains("row rejected"), captured.toString());
            assertEquals(0, call("sqlite3_close", db));
        }
    }
}

package org.example.sqlite;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Inserts rows through a prepared statement (text bound with SQLITE_TRANSIENT) and reads them back
 * with sqlite3_exec and a Java callback; checks that no C compiler was needed and nothing was cached.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment dbp = arena.allocate(ValueLayout.ADDRESS);
            check(Sqlite.sqlite3_open(arena.allocateFrom(":memory:"), dbp) == Sqlite.SQLITE_OK, "open");
            MemorySegment db = dbp.get(ValueLayout.ADDRESS, 0);
            exec(db, "create table fruit(name text)", MemorySegment.NULL, arena);

            MemorySegment stmtp = arena.allocate(ValueLayout.ADDRESS);
            MemorySegment insert = arena.allocateFrom("insert into fruit values (?)");
            check(Sqlite.sqlite3_prepare_v2(db, insert, -1, stmtp, MemorySegment.NULL) == Sqlite.SQLITE_OK, "prepare");
            MemorySegment stmt = stmtp.get(ValueLayout.ADDRESS, 0);
            for (String name : List.of("apple", "banana", "cherry")) {
                try (Arena text = Arena.ofConfined()) { // freed at once: SQLITE_TRANSIENT made SQLite copy it
                    check(Sqlite.sqlite3_bind_text(stmt, 1, text.allocateFrom(name), -1, Sqlite.SQLITE_TRANSIENT())
                            == Sqlite.SQLITE_OK, "bind");
                }
                check(Sqlite.sqlite3_step(stmt) == Sqlite.SQLITE_DONE, "step");
                check(Sqlite.sqlite3_reset(stmt) == Sqlite.SQLITE_OK, "reset");
            }
            Sqlite.sqlite3_finalize(stmt);

            MemorySegment collect = Sqlite.row_callback.allocate((arg, columns, values, names) -> {
                rows.add(values.reinterpret(8L * columns).get(ValueLayout.ADDRESS, 0).reinterpret(64).getString(0));
                return 0;
            }, arena);
            exec(db, "select name from fruit order by name", collect, arena);
            check(rows.equals(List.of("apple", "banana", "cherry")), "rows " + rows);
            check(Sqlite.sqlite3_close(db) == Sqlite.SQLITE_OK, "close");
        }
        check(Sqlite.sqlite3_libversion_number() >= Sqlite.SQLITE_VERSION_NUMBER / 1000 * 1000, "version");
        Path cache = Path.of(System.getProperty("cffi4j.cache", "none"));
        check(!Files.exists(cache) || Files.list(cache).findAny().isEmpty(), "nothing cached in " + cache);
        System.out.println("sqlite " + Sqlite.sqlite3_libversion_number() + " in API mode, no compiler needed: " + rows);
    }

    private static void exec(MemorySegment db, String sql, MemorySegment callback, Arena arena) {
        int rc = Sqlite.sqlite3_exec(db, arena.allocateFrom(sql), callback, MemorySegment.NULL, MemorySegment.NULL);
        check(rc == Sqlite.SQLITE_OK, "exec " + sql + ": " + rc);
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError("sqlite-api: " + what + " failed");
        }
    }
}

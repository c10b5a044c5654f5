package org.cffi4j.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.cffi4j.CData;
import org.cffi4j.FFI;
import org.cffi4j.Library;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SQLite declared by its own {@code sqlite3.h} ({@code cc -E} output as-is): an in-memory database
 * filled through prepared statements with bound parameters, read back row by row, and its error
 * reporting. Opaque handles ({@code sqlite3 *}, {@code sqlite3_stmt *}) come back through
 * {@code T **} out-parameters.
 */
class Sqlite3Test {
    private static final int SQLITE_OK = 0;
    private static final int SQLITE_ERROR = 1;
    private static final int SQLITE_CONSTRAINT = 19;
    private static final int SQLITE_ROW = 100;
    private static final int SQLITE_DONE = 101;

    private static FFI ffi;
    private static Library sqlite;
    private static CData sqliteTransient;

    private CData db;

    @BeforeAll
    static void load() {
        ffi = SystemHeaders.ffi("sqlite3.h");
        sqlite = ffi.dlopen("sqlite3");
        // sqlite3.h: #define SQLITE_TRANSIENT ((sqlite3_destructor_type)-1): SQLite copies the value.
        sqliteTransient = ffi.cast("sqlite3_destructor_type", -1);
    }

    @BeforeEach
    void open() {
        CData out = ffi.alloc("sqlite3 **");
        assertEquals(SQLITE_OK, sqlite.call("sqlite3_open", ":memory:", out));
        db = (CData) out.deref();
        assertFalse(db.isNull());
        execute("CREATE TABLE person (id INTEGER PRIMARY KEY, name TEXT NOT NULL, born INTEGER)");
    }

    @AfterEach
    void close() {
        assertEquals(SQLITE_OK, sqlite.call("sqlite3_close", db));
    }

    private CData prepare(String sql) {
        CData out = ffi.alloc("sqlite3_stmt **");
        assertEquals(SQLITE_OK, sqlite.call("sqlite3_prepare_v2", db, sql, -1, out, null), this::errmsg);
        return (CData) out.deref();
    }

    private void execute(String sql) {
        CData statement = prepare(sql);
        assertEquals(SQLITE_DONE, sqlite.call("sqlite3_step", statement), this::errmsg);
        assertEquals(SQLITE_OK, sqlite.call("sqlite3_finalize", statement));
    }

    private String errmsg() {
        return ffi.string((CData) sqlite.call("sqlite3_errmsg", db));
    }

    private void insert(List<Object[]> rows) {
        CData insert = prepare("INSERT INTO person (id, name, born) VALUES (?, ?, ?)");
        for (Object[] row : rows) {
            assertEquals(SQLITE_OK, sqlite.call("sqlite3_bind_int", insert, 1, row[0]));
            // The String is a char * only for the call; SQLITE_TRANSIENT makes SQLite copy it.
            assertEquals(SQLITE_OK, sqlite.call("sqlite3_bind_text", insert, 2, row[1], -1, sqliteTransient));
            assertEquals(SQLITE_OK, sqlite.call("sqlite3_bind_int64", insert, 3, row[2]));
            assertEquals(SQLITE_DONE, sqlite.call("sqlite3_step", insert), this::errmsg);
            assertEquals(SQLITE_OK, sqlite.call("sqlite3_reset", insert));
        }
        assertEquals(SQLITE_OK, sqlite.call("sqlite3_finalize", insert));
    }

    @Test
    void insertWithBoundParametersThenSelectRowByRow() {
        insert(List.of(
                new Object[] {1, "Ada Lovelace", 1815L},
                new Object[] {2, "Zo\u00eb \u2713", -44L},
                new Object[] {3, "Dennis Ritchie", 1941L}));

        CData select = prepare("SELECT id, name, born FROM person WHERE born > ? ORDER BY born DESC");
        assertEquals(SQLITE_OK, sqlite.call("sqlite3_bind_int", select, 1, -100));
        List<String> rows = new ArrayList<>();
        int rc;
        while ((rc = (Integer) sqlite.call("sqlite3_step", select)) == SQLITE_ROW) {
            int id = (Integer) sqlite.call("sqlite3_column_int", select, 0);
            String name = ffi.string((CData) sqlite.call("sqlite3_column_text", select, 1));
            long born = (Long) sqlite.call("sqlite3_column_int64", select, 2);
            rows.add(id + " " + name + " " + born);
        }

        assertEquals(SQLITE_DONE, rc);
        assertEquals(List.of("3 Dennis Ritchie 1941", "1 Ada Lovelace 1815", "2 Zo\u00eb \u2713 -44"), rows);
        assertEquals(3, sqlite.call("sqlite3_column_count", select));
        assertEquals("name", ffi.string((CData) sqlite.call("sqlite3_column_name", select, 1)));
        assertEquals(SQLITE_OK, sqlite.call("sqlite3_finalize", select));
    }

    @Test
    void voidPointerMinusOneIsAlsoAcceptedAsTheDestructor() {
        // The pointer form ((void *) -1): a void * converts to any pointer type, a function pointer included.
        CData insert = prepare("INSERT INTO person (id, name) VALUES (7, ?)");
        assertEquals(SQLITE_OK, sqlite.call("sqlite3_bind_text", insert, 1, "seven", -1, ffi.cast("void *", -1)));
        assertEquals(SQLITE_DONE, sqlite.call("sqlite3_step", insert));
        assertEquals(SQLITE_OK, sqlite.call("sqlite3_finalize", insert));

        CData select = prepare("SELECT name FROM person WHERE id = 7");
        assertEquals(SQLITE_ROW, sqlite.call("sqlite3_step", select));
        assertEquals("seven", ffi.string((CData) sqlite.call("sqlite3_column_text", select, 0)));
        assertEquals(SQLITE_OK, sqlite.call("sqlite3_finalize", select));
    }

    @Test
    void badSqlIsReportedByErrmsg() {
        CData out = ffi.alloc("sqlite3_stmt **");

        assertEquals(SQLITE_ERROR, sqlite.call("sqlite3_prepare_v2", db, "SELEC * FROM person", -1, out, null));

        assertEquals("near \"SELEC\": syntax error", errmsg());
        assertEquals(SQLITE_ERROR, sqlite.call("sqlite3_errcode", db));
        assertTrue(((CData) out.deref()).isNull());
    }

    @Test
    void aConstraintViolationIsReportedByStepAndErrmsg() {
        insert(List.<Object[]>of(new Object[] {1, "first", 0L}));
        CData insert = prepare("INSERT INTO person (id, name) VALUES (1, 'again')");

        assertEquals(SQLITE_CONSTRAINT, sqlite.call("sqlite3_step", insert));

        assertEquals("UNIQUE constraint failed: person.id", errmsg());
        assertEquals(SQLITE_CONSTRAINT, sqlite.call("sqlite3_finalize", insert));
    }
}

package org.cffi4j.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.cffi4j.CData;
import org.cffi4j.FFI;
import org.cffi4j.Library;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code sqlite3_exec} (declared by the real {@code sqlite3.h}) with Java row callbacks of type
 * {@code int (*)(void *, int, char **, char **)}: rows collected by a typed lambda and by a generic
 * function, a Java object passed through the {@code void *} first argument as a handle, and a
 * callback that throws, whose error value makes SQLite abort the statement cleanly.
 */
class Sqlite3ExecTest {
    private static final int SQLITE_OK = 0;
    private static final int SQLITE_ABORT = 4;
    private static final String ROW_CALLBACK = "int(*)(void *, int, char **, char **)";

    private static FFI ffi;
    private static Library sqlite;

    private CData db;

    /** The row callback of {@code sqlite3_exec} with cdata arguments. */
    @FunctionalInterface
    public interface RowCallback {
        int row(CData user, int columns, CData values, CData names);
    }

    @BeforeAll
    static void load() {
        ffi = Headers.ffi("sqlite3.h");
        sqlite = ffi.dlopen("sqlite3");
    }

    @BeforeEach
    void open() {
        CData out = ffi.alloc("sqlite3 **");
        assertEquals(SQLITE_OK, sqlite.call("sqlite3_open", ":memory:", out));
        db = (CData) out.deref();
        exec("""
                CREATE TABLE city (name TEXT, country TEXT, people INTEGER);
                INSERT INTO city VALUES ('Lyon', 'FR', 522000), ('Osaka', 'JP', 2750000),
                    ('Porto', 'PT', 232000), ('Nowhere', NULL, 0);
                """, FFI.NULL, FFI.NULL);
    }

    @AfterEach
    void close() {
        assertEquals(SQLITE_OK, sqlite.call("sqlite3_close", db));
    }

    /** Runs sqlite3_exec, failing with SQLite's message unless it returns SQLITE_OK. */
    private void exec(String sql, CData callback, CData user) {
        assertEquals(SQLITE_OK, execRc(sql, callback, user, null));
    }

    private int execRc(String sql, CData callback, CData user, String[] errmsg) {
        CData message = ffi.alloc("char **");
        int rc = (Integer) sqlite.call("sqlite3_exec", db, sql, callback, user, message);
        CData text = (CData) message.deref();
        if (!text.isNull()) {
            if (errmsg != null) {
                errmsg[0] = ffi.string(text);
            }
            sqlite.call("sqlite3_free", text);
        }
        return rc;
    }

    /** One row as column name -> value (null for SQL NULL). */
    private Map<String, String> row(int columns, CData values, CData names) {
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < columns; i++) {
            CData value = (CData) values.get(i);
            row.put(ffi.string((CData) names.get(i)), value.isNull() ? null : ffi.string(value));
        }
        return row;
    }

    @Test
    void aTypedRowCallbackCollectsEveryRow() {
        List<Map<String, String>> rows = new ArrayList<>();
        CData callback = ffi.callback(ROW_CALLBACK, (RowCallback) (user, columns, values, names) -> {
            rows.add(row(columns, values, names));
            return 0;
        });

        exec("SELECT name, country, people FROM city ORDER BY people DESC", callback, FFI.NULL);

        assertEquals(4, rows.size());
        assertEquals(Map.of("name", "Osaka", "country", "JP", "people", "2750000"), rows.get(0));
        assertEquals(
                List.of("Osaka", "Lyon", "Porto", "Nowhere"),
                rows.stream().map(r -> r.get("name")).toList());
        assertTrue(rows.get(3).containsKey("country"));
        assertEquals(null, rows.get(3).get("country"));
    }

    @Test
    void aGenericRowCallbackGetsTheConvertedArguments() {
        List<String> names = new ArrayList<>();
        Function<Object[], Object> callback = args -> {
            assertInstanceOf(CData.class, args[0]);
            assertEquals(1, args[1]); // the column count, an int as Integer
            names.add(ffi.string((CData) ((CData) args[2]).get(0)));
            return 0;
        };

        exec(
                "SELECT name FROM city WHERE people > 300000 ORDER BY name",
                ffi.callback(ROW_CALLBACK, callback),
                FFI.NULL);

        assertEquals(List.of("Lyon", "Osaka"), names);
    }

    @Test
    void theUserDataArgumentCarriesAJavaObjectAsAHandle() {
        List<String> sink = new ArrayList<>();
        CData handle = ffi.newHandle(sink);
        CData callback = ffi.callback(ROW_CALLBACK, (RowCallback) (user, columns, values, names) -> {
            @SuppressWarnings("unchecked")
            List<String> target = (List<String>) ffi.fromHandle(user);
            target.add(ffi.string((CData) values.get(0)));
            return 0;
        });

        exec("SELECT country FROM city WHERE country IS NOT NULL ORDER BY country", callback, handle);

        assertEquals(List.of("FR", "JP", "PT"), sink);
        ffi.release(handle);
    }

    @Test
    void aThrowingCallbackMakesSqliteAbortWithTheErrorValueAndTheDatabaseStaysUsable() {
        List<String> seen = new ArrayList<>();
        List<Throwable> reported = new ArrayList<>();
        RuntimeException boom = new IllegalStateException("no more rows, please");
        // Any nonzero return asks SQLite to stop: the error value 1 does so when the callback throws.
        CData callback = ffi.callback(
                ROW_CALLBACK,
                (RowCallback) (user, columns, values, names) -> {
                    seen.add(ffi.string((CData) values.get(0)));
                    if (seen.size() == 2) {
                        throw boom;
                    }
                    return 0;
                },
                1,
                reported::add);
        String[] errmsg = new String[1];

        int rc = execRc("SELECT name FROM city ORDER BY name", callback, FFI.NULL, errmsg);

        assertEquals(SQLITE_ABORT, rc);
        assertEquals("query aborted", errmsg[0]);
        assertEquals(List.of("Lyon", "Nowhere"), seen); // the third row was never produced
        assertEquals(List.of(boom), reported);
        // The statement was finalised by SQLite: the same connection runs the next query.
        List<Map<String, String>> rows = new ArrayList<>();
        exec(
                "SELECT count(*) AS n FROM city",
                ffi.callback(ROW_CALLBACK, (RowCallback) (u, c, v, n) -> {
                    rows.add(row(c, v, n));
                    return 0;
                }),
                FFI.NULL);
        assertEquals(List.of(Map.of("n", "4")), rows);
    }

    @Test
    void withTheDefaultErrorValueZeroSqliteGoesOnAfterEachException() {
        List<Throwable> reported = new ArrayList<>();
        CData callback = ffi.callback(
                ROW_CALLBACK,
                (RowCallback) (user, columns, values, names) -> {
                    throw new UnsupportedOperationException(ffi.string((CData) values.get(0)));
                },
                null,
                reported::add);

        assertEquals(SQLITE_OK, execRc("SELECT name FROM city ORDER BY name", callback, FFI.NULL, null));

        assertEquals(
                List.of("Lyon", "Nowhere", "Osaka", "Porto"),
                reported.stream().map(Throwable::getMessage).toList());
    }
}

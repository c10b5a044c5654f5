package org.cffi4j.apimode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.cffi4j.CData;
import org.cffi4j.FFI;
import org.cffi4j.Library;
import org.cffi4j.SourceOptions;
import org.cffi4j.testing.GccProbe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SQLite in API mode: opaque handles, {@code typedef int... sqlite3_int64}, the result codes as
 * {@code #define SQLITE_ROW ...}, and a partial {@code sqlite3_vfs} (three members of many, out of
 * order) read from the library's default VFS.
 */
class Sqlite3ApiTest {
    private static final String CDEF = """
            typedef struct sqlite3 sqlite3;
            typedef struct sqlite3_stmt sqlite3_stmt;
            typedef int... sqlite3_int64;
            typedef struct sqlite3_vfs {
                const char *zName;
                int mxPathname;
                int iVersion;
                ...;
            } sqlite3_vfs;
            #define SQLITE_OK ...
            #define SQLITE_ROW ...
            #define SQLITE_DONE ...
            #define SQLITE_VERSION_NUMBER ...
            int sqlite3_libversion_number(void);
            sqlite3_vfs *sqlite3_vfs_find(const char *zVfsName);
            int sqlite3_open(const char *filename, sqlite3 **ppDb);
            int sqlite3_close(sqlite3 *);
            int sqlite3_prepare_v2(sqlite3 *db, const char *zSql, int nByte, sqlite3_stmt **ppStmt, const char **pzTail);
            int sqlite3_bind_int64(sqlite3_stmt *, int, sqlite3_int64);
            int sqlite3_step(sqlite3_stmt *);
            sqlite3_int64 sqlite3_column_int64(sqlite3_stmt *, int iCol);
            const unsigned char *sqlite3_column_text(sqlite3_stmt *, int iCol);
            int sqlite3_finalize(sqlite3_stmt *pStmt);
            const char *sqlite3_errmsg(sqlite3 *);
            """;

    private static FFI ffi;
    private static Library sqlite;
    private static int ok;
    private static int row;
    private static int done;

    private CData db;

    @BeforeAll
    static void compile() {
        TestCache.install();
        ffi = new FFI();
        ffi.cdef(CDEF);
        ffi.setSource("_sqlite3_api_test", "#include <sqlite3.h>", SourceOptions.libraries("sqlite3"));
        sqlite = ffi.compile();
        ok = (Integer) sqlite.get("SQLITE_OK");
        row = (Integer) sqlite.get("SQLITE_ROW");
        done = (Integer) sqlite.get("SQLITE_DONE");
    }

    @BeforeEach
    void open() {
        CData out = ffi.alloc("sqlite3 **");
        assertEquals(ok, sqlite.call("sqlite3_open", ":memory:", out));
        db = (CData) out.deref();
    }

    @AfterEach
    void close() {
        assertEquals(ok, sqlite.call("sqlite3_close", db));
    }

    @Test
    void theResultCodesAreTheHeadersValues() {
        assertEquals(0, ok);
        assertEquals(100, row);
        assertEquals(101, done);
        String oracle = GccProbe.compileAndRun("#include <stdio.h>\n#include <sqlite3.h>\n"
                        + "int main(void) { printf(\"%d\\n\", SQLITE_VERSION_NUMBER); return 0; }")
                .strip();
        assertEquals(Integer.parseInt(oracle), sqlite.get("SQLITE_VERSION_NUMBER"));
    }

    @Test
    void sqlite3Int64IsASignedEightByteInteger() {
        assertEquals(8, ffi.sizeof("sqlite3_int64"));
        CData statement = prepare("SELECT ? * 2, -5000000000");
        assertEquals(ok, sqlite.call("sqlite3_bind_int64", statement, 1, 1L << 40));
        assertEquals(row, sqlite.call("sqlite3_step", statement));
        assertEquals(1L << 41, sqlite.call("sqlite3_column_int64", statement, 0));
        assertEquals(-5_000_000_000L, sqlite.call("sqlite3_column_int64", statement, 1));
        assertEquals(done, sqlite.call("sqlite3_step", statement));
        assertEquals(ok, sqlite.call("sqlite3_finalize", statement));
    }

    @Test
    void stepReturnsSqliteRowForEachRow() {
        CData statement = prepare("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 4)"
                + " SELECT i, 'row ' || i FROM n");
        List<String> rows = new ArrayList<>();
        int rc;
        while ((rc = (Integer) sqlite.call("sqlite3_step", statement)) == row) {
            rows.add(sqlite.call("sqlite3_column_int64", statement, 0) + ":"
                    + ffi.string((CData) sqlite.call("sqlite3_column_text", statement, 1)));
        }
        assertEquals(done, rc);
        assertEquals(List.of("1:row 1", "2:row 2", "3:row 3", "4:row 4"), rows);
        assertEquals(ok, sqlite.call("sqlite3_finalize", statement));
    }

    @Test
    void thePartialVfsStructIsReadAtTheRealOffsets() {
        String oracle = GccProbe.compileAndRun("""
                #include <stddef.h>
                #include <stdio.h>
                #include <sqlite3.h>
                int main(void) {
                    printf("%zu %zu %zu %zu\\n", sizeof(sqlite3_vfs), offsetof(sqlite3_vfs, iVersion),
                           offsetof(sqlite3_vfs, mxPathname), offsetof(sqlite3_vfs, zName));
                    return 0;
                }
                """).strip();
        assertEquals(
                oracle,
                ffi.sizeof("sqlite3_vfs") + " " + ffi.offsetof("sqlite3_vfs", "iVersion") + " "
                        + ffi.offsetof("sqlite3_vfs", "mxPathname") + " " + ffi.offsetof("sqlite3_vfs", "zName"));

        CData vfs = (CData) sqlite.call("sqlite3_vfs_find", FFI.NULL);

        assertFalse(vfs.isNull());
        assertEquals("unix", ffi.string((CData) vfs.get("zName")));
        assertTrue((Integer) vfs.get("iVersion") >= 1);
        assertTrue((Integer) vfs.get("mxPathname") >= 256);
    }

    private CData prepare(String sql) {
        CData out = ffi.alloc("sqlite3_stmt **");
        assertEquals(
                ok,
                sqlite.call("sqlite3_prepare_v2", db, sql, -1, out, null),
                () -> ffi.string((CData) sqlite.call("sqlite3_errmsg", db)));
        return (CData) out.deref();
    }
}

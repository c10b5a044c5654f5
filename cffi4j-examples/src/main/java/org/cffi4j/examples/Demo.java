package org.cffi4j.examples;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import org.cffi4j.CData;
import org.cffi4j.FFI;
import org.cffi4j.FFIException;
import org.cffi4j.Library;

/**
 * The demo ({@code ./build demo}): Java calling libc, libm, zlib and SQLite through cffi4j. Each
 * library is declared by a few lines of C given to {@code ffi.cdef}, exactly as in its header, then
 * called with plain Java values. It ends with real system headers given as-is to cdef
 * ({@code ./build demo --layouts} prints all their layouts).
 */
public final class Demo {
    private Demo() {}

    /** Runs the demo; exits with 1 if something did not work. */
    public static void main(String[] args) {
        if (List.of(args).contains("--layouts")) {
            HeaderLayouts.main(args);
            return;
        }
        System.out.println("cffi4j demo: C libraries called from Java, declared with ffi.cdef");
        section("libc (the C runtime: ffi.dlopen(null))", Demo::libc);
        section("libm (ffi.dlopen(\"m\"))", Demo::libm);
        section("zlib (ffi.dlopen(\"z\"))", Demo::zlib);
        section("sqlite3 (ffi.dlopen(\"sqlite3\"))", Demo::sqlite);
        System.out.println();
        System.exit(HeaderLayouts.summary() == 0 ? 0 : 1);
    }

    private static void libc() {
        FFI ffi = new FFI();
        ffi.cdef("""
                size_t strlen(const char *s);
                long strtol(const char *s, char **end, int base);
                int snprintf(char *buf, size_t size, const char *format, ...);
                char *getenv(const char *name);
                int getpid(void);
                typedef long time_t;
                struct tm { int tm_sec, tm_min, tm_hour, tm_mday, tm_mon, tm_year, tm_wday, tm_yday, tm_isdst;
                            long tm_gmtoff; const char *tm_zone; };
                time_t time(time_t *t);
                struct tm *localtime_r(const time_t *t, struct tm *result);
                """);
        Library c = ffi.dlopen(null);

        show("strlen(\"hello, world\")", c.call("strlen", "hello, world"));
        CData text = ffi.alloc("char[]", "0x7fff and more"); // C's char text[] = "..."
        CData end = ffi.alloc("char **");
        Object n = c.call("strtol", text, end, 0);
        show("strtol(\"0x7fff and more\", &end, 0)", n + ", end -> \"" + ffi.string((CData) end.deref()) + "\"");
        Object huge = c.call("strtol", "99999999999999999999", null, 10);
        show("strtol(\"99999999999999999999\", NULL, 10)", huge + ", errno " + ffi.errno() + " (ERANGE)");
        CData buf = ffi.alloc("char[64]");
        c.call("snprintf", buf, 64L, "%d %s, %.2f%%", 3, "calls", 99.5); // variadic: int, char *, double
        show("snprintf(buf, 64, \"%d %s, %.2f%%\", 3, \"calls\", 99.5)", "\"" + ffi.string(buf) + "\"");
        CData home = (CData) c.call("getenv", "HOME");
        show("getenv(\"HOME\")", home.isNull() ? "NULL" : "\"" + ffi.string(home) + "\"");
        CData now = ffi.alloc("time_t *");
        c.call("time", now);
        CData tm = ffi.alloc("struct tm *");
        c.call("localtime_r", now, tm);
        show(
                "localtime_r(time(NULL), &tm)",
                String.format(
                        "%04d-%02d-%02d %02d:%02d %s",
                        (int) tm.get("tm_year") + 1900,
                        (int) tm.get("tm_mon") + 1,
                        tm.get("tm_mday"),
                        tm.get("tm_hour"),
                        tm.get("tm_min"),
                        ffi.string((CData) tm.get("tm_zone"))));
        show(
                "getpid()",
                c.call("getpid") + " (the JVM: " + ProcessHandle.current().pid() + ")");
    }

    private static void libm() {
        FFI ffi = new FFI();
        ffi.cdef("""
                double cos(double x);
                double pow(double x, double y);
                double frexp(double x, int *exponent);
                double ldexp(double x, int exponent);
                """);
        Library m = ffi.dlopen("m");

        show("cos(3.141592653589793)", m.call("cos", Math.PI));
        show("pow(2, 0.5)", m.call("pow", 2, 0.5));
        int[] exponent = new int[1]; // an out-parameter: a Java array is copied in and back
        show("frexp(48, &exponent)", m.call("frexp", 48.0, exponent) + ", exponent " + exponent[0]);
        show("ldexp(0.75, 6)", m.call("ldexp", 0.75, 6));
    }

    private static void zlib() {
        FFI ffi = new FFI();
        ffi.cdef("""
                typedef unsigned char Bytef;
                typedef unsigned int uInt;
                typedef unsigned long uLong, uLongf;
                const char *zlibVersion(void);
                uLong compressBound(uLong sourceLen);
                int compress2(Bytef *dest, uLongf *destLen, const Bytef *source, uLong sourceLen, int level);
                int uncompress(Bytef *dest, uLongf *destLen, const Bytef *source, uLong sourceLen);
                uLong crc32(uLong crc, const Bytef *buf, uInt len);
                #define Z_BEST_COMPRESSION 9
                """);
        Library z = load(ffi, "z", "zlib1g");

        show("zlibVersion()", "\"" + ffi.string((CData) z.call("zlibVersion")) + "\"");
        byte[] data = "cffi4j calls C from Java. ".repeat(100).getBytes(StandardCharsets.US_ASCII);
        long bound = (Long) z.call("compressBound", (long) data.length);
        CData packed = ffi.alloc("Bytef[]", (int) bound);
        CData packedLength = ffi.alloc("uLongf *", bound); // in: the room, out: the size
        Object rc = z.call("compress2", packed, packedLength, data, (long) data.length, z.get("Z_BEST_COMPRESSION"));
        show("compress2(" + data.length + " bytes)", "rc " + rc + ", " + packedLength.deref() + " bytes");
        byte[] restored = new byte[data.length];
        CData restoredLength = ffi.alloc("uLongf *", (long) data.length);
        rc = z.call("uncompress", restored, restoredLength, packed, packedLength.deref());
        show(
                "uncompress(...)",
                "rc " + rc + ", " + restoredLength.deref() + " bytes, "
                        + (Arrays.equals(data, restored) ? "identical" : "DIFFERENT") + " to the input");
        CRC32 java = new CRC32();
        java.update(data);
        show(
                "crc32(0, data, " + data.length + ")",
                String.format(
                        "0x%08x (java.util.zip.CRC32 says 0x%08x)",
                        z.call("crc32", 0L, data, data.length), java.getValue()));
    }

    private static void sqlite() {
        FFI ffi = new FFI();
        ffi.cdef("""
                typedef struct sqlite3 sqlite3;
                typedef struct sqlite3_stmt sqlite3_stmt;
                typedef void (*sqlite3_destructor_type)(void *);
                const char *sqlite3_libversion(void);
                int sqlite3_open(const char *filename, sqlite3 **db);
                int sqlite3_prepare_v2(sqlite3 *db, const char *sql, int nbytes, sqlite3_stmt **stmt, const char **tail);
                int sqlite3_bind_int(sqlite3_stmt *stmt, int index, int value);
                int sqlite3_bind_text(sqlite3_stmt *stmt, int index, const char *text, int nbytes,
                                      sqlite3_destructor_type destructor);
                int sqlite3_step(sqlite3_stmt *stmt);
                int sqlite3_reset(sqlite3_stmt *stmt);
                int sqlite3_column_int(sqlite3_stmt *stmt, int column);
                const unsigned char *sqlite3_column_text(sqlite3_stmt *stmt, int column);
                int sqlite3_finalize(sqlite3_stmt *stmt);
                const char *sqlite3_errmsg(sqlite3 *db);
                int sqlite3_close(sqlite3 *db);
                #define SQLITE_ROW 100
                """);
        Library sqlite = load(ffi, "sqlite3", "libsqlite3-0");
        CData transientText = ffi.cast("sqlite3_destructor_type", -1); // SQLITE_TRANSIENT: SQLite copies the text

        show("sqlite3_libversion()", "\"" + ffi.string((CData) sqlite.call("sqlite3_libversion")) + "\"");
        CData dbOut = ffi.alloc("sqlite3 **");
        sqlite.call("sqlite3_open", ":memory:", dbOut);
        CData db = (CData) dbOut.deref();
        CData stmtOut = ffi.alloc("sqlite3_stmt **");
        sqlite.call("sqlite3_prepare_v2", db, "CREATE TABLE lang (year INTEGER, name TEXT)", -1, stmtOut, null);
        sqlite.call("sqlite3_step", stmtOut.deref());
        sqlite.call("sqlite3_finalize", stmtOut.deref());

        sqlite.call("sqlite3_prepare_v2", db, "INSERT INTO lang VALUES (?, ?)", -1, stmtOut, null);
        CData insert = (CData) stmtOut.deref();
        for (Object[] row :
                List.of(new Object[] {1972, "C"}, new Object[] {1995, "Java"}, new Object[] {1991, "Python"})) {
            sqlite.call("sqlite3_bind_int", insert, 1, row[0]);
            sqlite.call("sqlite3_bind_text", insert, 2, row[1], -1, transientText);
            sqlite.call("sqlite3_step", insert);
            sqlite.call("sqlite3_reset", insert);
        }
        sqlite.call("sqlite3_finalize", insert);
        show("INSERT INTO lang VALUES (?, ?)", "3 rows, bound with sqlite3_bind_int and sqlite3_bind_text");

        sqlite.call("sqlite3_prepare_v2", db, "SELECT year, name FROM lang ORDER BY year", -1, stmtOut, null);
        CData select = (CData) stmtOut.deref();
        int sqliteRow = (Integer) sqlite.get("SQLITE_ROW");
        StringBuilder rows = new StringBuilder();
        while ((Integer) sqlite.call("sqlite3_step", select) == sqliteRow) {
            rows.append(rows.isEmpty() ? "" : ", ")
                    .append(sqlite.call("sqlite3_column_int", select, 0))
                    .append(' ')
                    .append(ffi.string((CData) sqlite.call("sqlite3_column_text", select, 1)));
        }
        sqlite.call("sqlite3_finalize", select);
        show("SELECT year, name FROM lang ORDER BY year", rows);

        Object rc = sqlite.call("sqlite3_prepare_v2", db, "SELEC * FROM lang", -1, stmtOut, null);
        show(
                "sqlite3_prepare_v2(\"SELEC * FROM lang\")",
                "rc " + rc + " (SQLITE_ERROR), errmsg: " + ffi.string((CData) sqlite.call("sqlite3_errmsg", db)));
        show("sqlite3_close(db)", sqlite.call("sqlite3_close", db));
    }

    /** Prints a section title, then runs it; a library that is not installed is reported, not fatal. */
    private static void section(String title, Runnable body) {
        System.out.println();
        System.out.println(title);
        try {
            body.run();
        } catch (Unavailable e) {
            System.out.println("  skipped: " + e.getMessage());
        }
    }

    private static Library load(FFI ffi, String name, String debianPackage) {
        try {
            return ffi.dlopen(name);
        } catch (FFIException e) {
            throw new Unavailable("not installed (apt-get install " + debianPackage + "): " + e.getMessage());
        }
    }

    /** Prints one call and what it gave. */
    private static void show(String call, Object result) {
        System.out.printf("  %-52s -> %s%n", call, result);
    }

    /** A library of the demo is not installed. */
    private static final class Unavailable extends RuntimeException {
        Unavailable(String message) {
            super(message);
        }
    }
}

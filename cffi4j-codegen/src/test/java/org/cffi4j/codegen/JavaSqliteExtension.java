package org.cffi4j.codegen;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.cffi4j.CData;
import org.cffi4j.FFI;

/**
 * A SQLite extension written in Java: {@code java_reverse(text)}, a SQL function, and {@code
 * java_median(x)}, an aggregate. The embedded library's {@code sqlite3_extension_init} is {@link
 * #sqlite3_extension_init}; the SQL functions are cffi4j callbacks calling back into the sqlite3
 * library already in the process.
 */
public final class JavaSqliteExtension {
    private static final FFI FFI = new FFI();

    static {
        FFI.cdef("""
                typedef struct sqlite3 sqlite3;
                typedef struct sqlite3_context sqlite3_context;
                typedef struct sqlite3_value sqlite3_value;
                typedef void (*sql_function)(sqlite3_context *ctx, int argc, sqlite3_value **argv);
                typedef void (*sql_final)(sqlite3_context *ctx);
                #define SQLITE_UTF8 1
                #define SQLITE_NULL 5
                """);
    }

    /** The sqlite3 functions the extension calls, bound to the library the shell runs on. */
    public interface Sqlite {
        int sqlite3_create_function(
                MemorySegment db,
                MemorySegment name,
                int arguments,
                int textEncoding,
                MemorySegment app,
                MemorySegment function,
                MemorySegment step,
                MemorySegment last);

        MemorySegment sqlite3_value_text(MemorySegment value);

        int sqlite3_value_type(MemorySegment value);

        double sqlite3_value_double(MemorySegment value);

        void sqlite3_result_text(MemorySegment ctx, MemorySegment text, int bytes, MemorySegment destructor);

        void sqlite3_result_double(MemorySegment ctx, double value);

        void sqlite3_result_null(MemorySegment ctx);

        MemorySegment sqlite3_aggregate_context(MemorySegment ctx, int bytes);
    }

    /** {@code sql_function}: a scalar function or an aggregate's step. */
    public interface SqlFunction {
        void call(MemorySegment ctx, int argc, MemorySegment argv);
    }

    /** {@code sql_final}: an aggregate's end. */
    public interface SqlFinal {
        void call(MemorySegment ctx);
    }

    private static final MemorySegment SQLITE_TRANSIENT = MemorySegment.ofAddress(-1);
    private static final Sqlite SQLITE;
    private static final List<CData> CALLBACKS = new ArrayList<>();
    private static final Map<Long, List<Double>> GROUPS = new ConcurrentHashMap<>();
    private static final AtomicLong NEXT_GROUP = new AtomicLong(1);

    static {
        FFI.cdef("""
                int sqlite3_create_function(sqlite3 *db, const char *name, int arguments, int textEncoding,
                    void *app, sql_function function, sql_function step, sql_final last);
                const unsigned char *sqlite3_value_text(sqlite3_value *value);
                int sqlite3_value_type(sqlite3_value *value);
                double sqlite3_value_double(sqlite3_value *value);
                void sqlite3_result_text(sqlite3_context *ctx, const char *text, int bytes, void (*destructor)(void *));
                void sqlite3_result_double(sqlite3_context *ctx, double value);
                void sqlite3_result_null(sqlite3_context *ctx);
                void *sqlite3_aggregate_context(sqlite3_context *ctx, int bytes);
                """);
        SQLITE = FFI.dlopen("sqlite3").bind(Sqlite.class);
    }

    private JavaSqliteExtension() {}

    /** The entry point the shell's .load calls: registers the two SQL functions. */
    public static int sqlite3_extension_init(MemorySegment db, MemorySegment error, MemorySegment api) {
        int rc = register(db, "java_reverse", (SqlFunction) JavaSqliteExtension::reverse, null, null);
        return rc != 0
                ? rc
                : register(db, "java_median", null, (SqlFunction) JavaSqliteExtension::step, (SqlFinal)
                        JavaSqliteExtension::last);
    }

    private static int register(MemorySegment db, String name, SqlFunction function, SqlFunction step, SqlFinal last) {
        try (Arena arena = Arena.ofConfined()) {
            return SQLITE.sqlite3_create_function(
                    db,
                    arena.allocateFrom(name),
                    1,
                    (int) FFI.integerConst("SQLITE_UTF8"),
                    MemorySegment.NULL,
                    callback("sql_function", function),
                    callback("sql_function", step),
                    callback("sql_final", last));
        }
    }

    // The function pointers live as long as the extension: SQLite keeps them.
    private static MemorySegment callback(String type, Object fn) {
        if (fn == null) {
            return MemorySegment.NULL;
        }
        CData c = FFI.callback(type, fn);
        CALLBACKS.add(c);
        return c.segment();
    }

    private static void reverse(MemorySegment ctx, int argc, MemorySegment argv) {
        MemorySegment value = argv.reinterpret(ValueLayout.ADDRESS.byteSize()).get(ValueLayout.ADDRESS, 0);
        MemorySegment text = SQLITE.sqlite3_value_text(value);
        if (text.equals(MemorySegment.NULL)) {
            SQLITE.sqlite3_result_null(ctx);
            return;
        }
        String reversed = new StringBuilder(text.reinterpret(Long.MAX_VALUE).getString(0))
                .reverse()
                .toString();
        try (Arena arena = Arena.ofConfined()) {
            SQLITE.sqlite3_result_text(ctx, arena.allocateFrom(reversed), -1, SQLITE_TRANSIENT);
        }
    }

    // Each group's values, under an id kept in the group's aggregate context.
    private static void step(MemorySegment ctx, int argc, MemorySegment argv) {
        MemorySegment value = argv.reinterpret(ValueLayout.ADDRESS.byteSize()).get(ValueLayout.ADDRESS, 0);
        if (SQLITE.sqlite3_value_type(value) == FFI.integerConst("SQLITE_NULL")) {
            return;
        }
        MemorySegment state = SQLITE.sqlite3_aggregate_context(ctx, 8).reinterpret(8);
        long id = state.get(ValueLayout.JAVA_LONG, 0);
        if (id == 0) {
            id = NEXT_GROUP.getAndIncrement();
            state.set(ValueLayout.JAVA_LONG, 0, id);
            GROUPS.put(id, new ArrayList<>());
        }
        GROUPS.get(id).add(SQLITE.sqlite3_value_double(value));
    }

    private static void last(MemorySegment ctx) {
        MemorySegment state = SQLITE.sqlite3_aggregate_context(ctx, 0);
        List<Double> values = state.equals(MemorySegment.NULL)
                ? null
                : GROUPS.remove(state.reinterpret(8).get(ValueLayout.JAVA_LONG, 0));
        if (values == null || values.isEmpty()) {
            SQLITE.sqlite3_result_null(ctx);
            return;
        }
        values.sort(null);
        int n = values.size();
        SQLITE.sqlite3_result_double(
                ctx, n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2);
    }
}

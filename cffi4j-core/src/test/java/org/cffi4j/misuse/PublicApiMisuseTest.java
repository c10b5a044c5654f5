package org.cffi4j.misuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.cffi4j.BindOption;
import org.cffi4j.CDefException;
import org.cffi4j.CdefOptions;
import org.cffi4j.FFI;
import org.cffi4j.FFIException;
import org.cffi4j.Library;
import org.cffi4j.SourceOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Misuse of the public methods of FFI, Library, CData and CFunction that used to escape as a raw
 * JDK exception (NullPointerException, IllegalArgumentException, "bad parameter count") or with a
 * garbled message: each must be an FFIException (a CDefException for cdef) naming the argument and
 * what was expected, word for word.
 */
class PublicApiMisuseTest {
    private static FFI ffi;
    private static Library libc;

    /** A binding for the bind cases. */
    public interface Abs {
        int abs(int x);
    }

    @BeforeAll
    static void load() {
        ffi = new FFI();
        ffi.cdef("""
                int abs(int x);
                int snprintf(char *s, size_t n, const char *format, ...);
                struct point { int x, y; };
                """);
        libc = ffi.dlopen(null);
    }

    /** One misuse: what is done, and the exact message. */
    record Case(String name, Consumer<FFI> snippet, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Case row(String name, Consumer<FFI> snippet, String message) {
        return new Case(name, snippet, message);
    }

    static List<Case> cases() {
        return List.of(
                row(
                        "memmove into a read-only ByteBuffer",
                        f -> f.memmove(ByteBuffer.allocateDirect(8).asReadOnlyBuffer(), new byte[8], 8),
                        "ffi.memmove: the destination is a read-only ByteBuffer, so it cannot be written"),
                row(
                        "memmove into a read-only MemorySegment",
                        f -> f.memmove(Arena.ofAuto().allocate(8).asReadOnly(), new byte[8], 8),
                        "ffi.memmove: the destination is a read-only MemorySegment, so it cannot be written"),
                row(
                        "memmove from null",
                        f -> f.memmove(new byte[8], null, 8),
                        "ffi.memmove: the source must be a cdata, a MemorySegment, a byte[] or a ByteBuffer, not null"),
                row(
                        "write into a cdata over a read-only buffer",
                        f -> f.fromBuffer("char[]", ByteBuffer.allocateDirect(8).asReadOnlyBuffer())
                                .set(0, 1),
                        "cannot write into <cdata 'char[8]' 0x?>: its memory is read-only (a read-only buffer given"
                                + " to ffi.fromBuffer)"),
                row(
                        "memmove into a NULL pointer",
                        f -> f.memmove(FFI.NULL, new byte[8], 8),
                        "ffi.memmove: the destination is a NULL pointer ('void *')"),
                row(
                        "memmove from a number",
                        f -> f.memmove(new byte[8], f.cast("int", 5), 4),
                        "ffi.memmove: the source must be a pointer or array cdata, not 'int'"),
                row(
                        "buffer of a number",
                        f -> f.buffer(f.cast("int", 5)),
                        "ffi.buffer needs a pointer, array, struct or union cdata, not 'int'"),
                row("buffer of NULL", f -> f.buffer(FFI.NULL, 4), "ffi.buffer of a NULL pointer ('void *')"),
                row(
                        "buffer of a negative size",
                        f -> f.buffer(f.alloc("int[2]"), -2),
                        "ffi.buffer: the size is negative (-2)"),
                row(
                        "fromBuffer of null",
                        f -> f.fromBuffer("char[]", null),
                        "ffi.fromBuffer needs a native MemorySegment, a direct ByteBuffer or a byte[], not null"),
                row(
                        "offsetof an index past the range of long",
                        f -> f.offsetof("int[]", "99999999999999999999"),
                        "offsetof('int[]'): index 99999999999999999999 is beyond the address space"),
                row(
                        "addressof a number",
                        f -> f.addressof(f.cast("int", 5), "0"),
                        "ffi.addressof needs a pointer, struct, union or array cdata, not 'int'"),
                row(
                        "a null type name",
                        f -> f.sizeof((String) null),
                        "a C type is named by a String such as \"int *\" or \"struct point\", not null"),
                row(
                        "ffi.string of null",
                        f -> f.string(null),
                        "ffi.string needs a cdata, not null (C's NULL pointer is FFI.NULL)"),
                row(
                        "ffi.release of null",
                        f -> f.release(null),
                        "ffi.release needs a cdata, not null (C's NULL pointer is FFI.NULL)"),
                row(
                        "ffi.gc without a destructor",
                        f -> f.gc(f.alloc("int *"), null),
                        "ffi.gc needs a destructor (a Consumer<CData>), not null"),
                row("an FFI including itself", f -> f.include(f), "ffi.include needs another FFI, not this FFI itself"),
                row("an FFI including null", f -> f.include(null), "ffi.include needs another FFI, not null"),
                row(
                        "a NUL inside a library name",
                        f -> f.dlopen("z\0evil"),
                        "ffi.dlopen: the library name \"z\\0evil\" contains a NUL character, which would end it early"
                                + " in C"),
                row("call of a null name", f -> libc.call(null), "a function is named by a String, not null"),
                row("get of a null name", f -> libc.get(null), "a global is named by a String, not null"),
                row(
                        "call with a null argument array",
                        f -> libc.call("abs", (Object[]) null),
                        "'abs' takes 1 argument (int abs(int)), a null array given (for one NULL argument, pass"
                                + " (Object) null)"),
                row(
                        "variadic call with a null argument array",
                        f -> libc.function("snprintf").invoke((Object[]) null),
                        "'snprintf' takes at least 3 arguments (int snprintf(char *, size_t, const char *, ...)), a"
                                + " null array given (for one NULL argument, pass (Object) null)"),
                row(
                        "function pointer called with too many arguments",
                        f -> f.cast("int(*)(int)", libc.addressOf("abs").address())
                                .call(1, 2),
                        "'int(*)(int)' takes 1 argument, 2 given"),
                row("bind of null", f -> libc.bind(null), "bind needs an interface, not null"),
                row(
                        "bind with a null option",
                        f -> libc.bind(Abs.class, BindOption.NO_ERRNO, null),
                        "the options of bind(" + Abs.class.getName() + ") cannot be null"),
                row(
                        "member of a null name",
                        f -> f.alloc("struct point *").get(null),
                        "a member of 'struct point *' is named by a String such as \"x\" or \"a.b\", not null"),
                row(
                        "pointer difference with null",
                        f -> f.alloc("int[4]").minus(null),
                        "cannot subtract null from 'int[4]': a pointer or array cdata is expected"),
                row(
                        "offsetof with a null member",
                        f -> f.offsetof("struct point", (String) null),
                        "offsetof('struct point'): the member path is member names and indices such as \"a\", \"3\","
                                + " not null"),
                row(
                        "addressof with a null path",
                        f -> f.addressof(f.alloc("struct point *"), (String[]) null),
                        "ffi.addressof: the member path is member names and indices such as \"a\", \"3\", not null"),
                row(
                        "a variadic call with 300 extra arguments",
                        f -> {
                            Object[] args = new Object[303];
                            args[0] = f.alloc("char[64]");
                            args[1] = 64L;
                            args[2] = "%d";
                            System.arraycopy(Collections.nCopies(300, 1).toArray(), 0, args, 3, 300);
                            libc.call("snprintf", args);
                        },
                        "cannot call 'snprintf' with 303 arguments: the JVM passes at most 253 slots of arguments to a"
                                + " downcall (a long or a double takes two), and this call needs 305"),
                row(
                        "a callback of 200 double parameters",
                        f -> f.callback(
                                "void(*)(" + String.join(", ", Collections.nCopies(200, "double")) + ")",
                                (Function<Object[], Object>) args -> null),
                        "cannot make a callback of type 'void(*)("
                                + String.join(", ", Collections.nCopies(200, "double"))
                                + ")': the JVM passes at most 253 slots of arguments to an upcall (a long or a double"
                                + " takes two), and it needs 401"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void misuseIsAnFfiExceptionSayingWhatWasExpected(Case c) {
        FFIException e = assertThrows(FFIException.class, () -> c.snippet().accept(ffi));
        assertEquals(c.message(), e.getMessage().replaceAll("0x[0-9a-f]+", "0x?"));
    }

    @Test
    void cdefOfNullIsACdefException() {
        assertEquals(
                "cdef needs C declarations (a String), not null",
                assertThrows(CDefException.class, () -> ffi.cdef(null)).getMessage());
        assertEquals(
                "cdef needs options (CdefOptions.defaults()), not null",
                assertThrows(CDefException.class, () -> ffi.cdef("int x;", (CdefOptions) null))
                        .getMessage());
    }

    @Test
    void optionsRefuseNullAsFfiExceptions() {
        assertEquals(
                "CdefOptions.and needs other options (CdefOptions.defaults()), not null",
                assertThrows(FFIException.class, () -> CdefOptions.pack(4).and(null))
                        .getMessage());
        assertEquals(
                "SourceOptions: libraries must be a list of strings, without null",
                assertThrows(FFIException.class, () -> SourceOptions.libraries((String) null))
                        .getMessage());
        assertEquals(
                "SourceOptions: null given where strings were expected",
                assertThrows(FFIException.class, () -> SourceOptions.none().withIncludeDirs((String[]) null))
                        .getMessage());
        assertEquals(
                "SourceOptions: sources must be a list of strings, without null",
                assertThrows(
                                FFIException.class,
                                () -> new SourceOptions(
                                        List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), null))
                        .getMessage());
    }

    @Test
    void dlopenFlagsWithoutLazyOrNowMeanNowAsInCffi() {
        try (Library c = ffi.dlopen(null, FFI.RTLD_GLOBAL)) {
            assertEquals(3, c.call("abs", -3));
        }
    }
}

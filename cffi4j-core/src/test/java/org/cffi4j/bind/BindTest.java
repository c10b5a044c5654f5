package org.cffi4j.bind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import org.cffi4j.CData;
import org.cffi4j.FFI;
import org.cffi4j.FFIException;
import org.cffi4j.Library;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Java interfaces bound to C functions of the C runtime: typed and generic paths, checks, errors. */
class BindTest {
    /** Typed methods: the C types' own Java types, MemorySegment, CData and String. */
    public interface LibC {
        long strlen(String s);

        double cos(double x);

        int abs(int x);

        long labs(long x);

        String getenv(String name);

        String strchr(String s, int c);

        CData ldiv(long numerator, long denominator);

        long strtol(CData text, CData end, int base);

        int snprintf(MemorySegment buf, long size, String format, Object... args);

        int getpid();
    }

    /** Boxed and Object types: the conversion table at each call. */
    public interface Generic {
        Object abs(Object x);

        Long labs(Long x);

        Object strlen(Object s);
    }

    interface Hidden {
        int abs(int x);
    }

    public interface WrongReturn {
        int strlen(String s);
    }

    public interface WrongParameter {
        int abs(String s);
    }

    public interface Undeclared {
        int nosuchfunction(int x);
    }

    private FFI ffi;
    private Library c;

    @BeforeEach
    void setUp() {
        ffi = new FFI();
        ffi.cdef("""
                size_t strlen(const char *); double cos(double); int abs(int); long labs(long);
                char *getenv(const char *); char *strchr(const char *, int);
                typedef struct { long quot, rem; } ldiv_t; ldiv_t ldiv(long, long);
                long strtol(const char *, char **, int);
                int snprintf(char *, size_t, const char *, ...);
                int getpid(void);
                """);
        c = ffi.dlopen(null);
    }

    @Test
    void typedMethodsCallC() {
        LibC libc = c.bind(LibC.class);
        assertEquals(6, libc.strlen("héllo")); // UTF-8: é is two bytes
        assertEquals(1.0, libc.cos(0));
        assertEquals(5, libc.abs(-5));
        assertEquals(1L << 40, libc.labs(-(1L << 40)));
        assertEquals(System.getenv("PATH"), libc.getenv("PATH"));
        assertNull(libc.getenv("CFFI4J_SURELY_UNSET_VARIABLE"));
        assertEquals("lo", libc.strchr("hello", 'l').substring(1));
        assertEquals(ProcessHandle.current().pid(), libc.getpid());
        CData q = libc.ldiv(17, 5);
        assertEquals(3L, q.get("quot"));
        assertEquals(2L, q.get("rem"));
    }

    @Test
    void cdataArgumentsAreTypeChecked() {
        LibC libc = c.bind(LibC.class);
        CData text = ffi.alloc("char[]", "123xyz");
        CData end = ffi.alloc("char *[1]");
        assertEquals(123, libc.strtol(text, end, 10));
        assertEquals("xyz", ffi.string((CData) end.get(0)));
        FFIException e = assertThrows(FFIException.class, () -> libc.strtol(ffi.alloc("int[]", 3), end, 10));
        assertEquals(
                "cannot convert 'int[3]' to 'const char *' (argument 1 of 'strtol'): the pointed-to types differ;"
                        + " use ffi.cast(\"const char *\", p) if that is really meant",
                e.getMessage());
    }

    @Test
    void variadicFunctionsTakeObjectVarargs() {
        LibC libc = c.bind(LibC.class);
        CData buf = ffi.alloc("char[]", 64);
        libc.snprintf(buf.segment(), 64, "%d|%ld|%.1f|%s|%hd", 42, 7L, 2.5, "str", ffi.cast("short", 70000));
        assertEquals("42|7|2.5|str|4464", ffi.string(buf));
    }

    @Test
    void genericMethodsConvertAtEachCall() {
        Generic g = c.bind(Generic.class);
        assertEquals(5, g.abs(-5));
        assertEquals(5L, g.strlen("hello"));
        assertEquals(9L, g.labs(-9L));
        FFIException e = assertThrows(FFIException.class, () -> g.abs(1L << 40));
        assertTrue(e.getMessage().contains("does not fit in 'int' (argument 1 of 'abs')"), e.getMessage());
    }

    @Test
    void nonPublicInterfacesWorkToo() {
        assertEquals(3, c.bind(Hidden.class).abs(-3));
    }

    @Test
    void mismatchesPrintBothSignatures() {
        assertEquals(
                "cannot bind WrongReturn.strlen: the Java method 'int strlen(String)' does not match the cdef"
                        + " declaration 'size_t strlen(const char *)': the return type int cannot hold 'size_t'",
                assertThrows(FFIException.class, () -> c.bind(WrongReturn.class))
                        .getMessage());
        assertEquals(
                "cannot bind WrongParameter.abs: the Java method 'int abs(String)' does not match the cdef"
                        + " declaration 'int abs(int)': parameter 1 is String, which cannot be converted to 'int'",
                assertThrows(FFIException.class, () -> c.bind(WrongParameter.class))
                        .getMessage());
        assertEquals(
                "no function 'nosuchfunction' is declared in the cdef",
                assertThrows(FFIException.class, () -> c.bind(Undeclared.class)).getMessage());
    }

    @Test
    void aClosedLibraryCannotBeCalled() {
        FFI f = new FFI();
        f.cdef("unsigned long zlibCompileFlags(void);");
        Library z = f.dlopen("z");
        interface Z {
            long zlibCompileFlags();
        }
        Z bound = z.bind(Z.class);
        bound.zlibCompileFlags();
        z.close();
        assertEquals(
                "'zlibCompileFlags' cannot be used: library 'z' is closed",
                assertThrows(FFIException.class, bound::zlibCompileFlags).getMessage());
    }

    /** Functions whose errno matters, for the options test. */
    public interface Strtol {
        long strtol(String s, MemorySegment end, int base);
    }

    @Test
    void errnoIsCapturedUnlessTheBindingSaysNot() {
        ffi.setErrno(0);
        Strtol captured = c.bind(Strtol.class);
        assertEquals(Long.MAX_VALUE, captured.strtol("99999999999999999999", MemorySegment.NULL, 10));
        assertEquals(34, ffi.errno()); // ERANGE

        ffi.setErrno(0);
        Strtol fast = c.bind(Strtol.class, org.cffi4j.BindOption.NO_ERRNO);
        assertEquals(Long.MAX_VALUE, fast.strtol("99999999999999999999", MemorySegment.NULL, 10));
        assertEquals(0, ffi.errno()); // not captured: what ffi.errno() saw last stays

        Strtol critical = c.bind(Strtol.class, org.cffi4j.BindOption.CRITICAL);
        assertEquals(42, critical.strtol("42", MemorySegment.NULL, 10));
    }

    @Test
    void errnoIsPerThreadWhenThreadsCallTheSameFunction() throws InterruptedException {
        Strtol bound = c.bind(Strtol.class);
        int[] mismatches = new int[2];
        Thread[] threads = new Thread[2];
        for (int t = 0; t < 2; t++) {
            int id = t;
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 20_000; i++) {
                    int expected = id * 1000 + i % 500 + 1;
                    ffi.setErrno(expected); // strtol succeeds and leaves errno alone
                    long viaBind = bound.strtol("7", MemorySegment.NULL, 10);
                    int afterBind = ffi.errno();
                    long viaCall = (long) c.call("strtol", "8", FFI.NULL, 10);
                    if (viaBind != 7 || viaCall != 8 || afterBind != expected || ffi.errno() != expected) {
                        mismatches[id]++;
                    }
                }
            });
        }
        for (Thread t : threads) {
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(0, mismatches[0] + mismatches[1], "calls that saw another thread's errno");
        ffi.setErrno(0);
        assertEquals(Long.MAX_VALUE, bound.strtol("99999999999999999999", MemorySegment.NULL, 10));
        assertEquals(34, ffi.errno(), "a third thread (this one) gets its own errno too");
    }
}

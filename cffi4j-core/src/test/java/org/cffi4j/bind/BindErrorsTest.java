package org.cffi4j.bind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.cffi4j.FFI;
import org.cffi4j.FFIException;
import org.cffi4j.Library;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A bind with several bad methods reports all of them at once, one line each; one bad method, as ever. */
class BindErrorsTest {
    private Library libc;

    /** Four methods, three of them wrong in three ways; cos is right. */
    public interface SeveralWrong {
        int strlen(String s);

        int abs(String s);

        double cos(double x);

        long strln(String s);
    }

    /** One wrong method among right ones. */
    public interface OneWrong {
        double cos(double x);

        int abs(String s);
    }

    /** A method the cdef declares, which the library does not have, beside a wrong one. */
    public interface Missing {
        int cffi4j_no_such_symbol(int x);

        int abs(String x);
    }

    @BeforeEach
    void declare() {
        FFI ffi = new FFI();
        ffi.cdef(
                "size_t strlen(const char *s); double cos(double x); int abs(int x); int cffi4j_no_such_symbol(int x);");
        libc = ffi.dlopen(null);
    }

    @Test
    void everyBadMethodIsReportedOnItsLine() {
        assertEquals(
                """
                cannot bind SeveralWrong: 3 of its methods cannot be bound:
                  abs: the Java method 'int abs(String)' does not match the cdef declaration 'int abs(int)': \
                parameter 1 is String, which cannot be converted to 'int'
                  strlen: the Java method 'int strlen(String)' does not match the cdef declaration \
                'size_t strlen(const char *)': the return type int cannot hold 'size_t'
                  strln: no function 'strln' is declared in the cdef; did you mean 'strlen'?""",
                assertThrows(FFIException.class, () -> libc.bind(SeveralWrong.class))
                        .getMessage());
        // one bad method: its own message, as before
        assertEquals(
                "cannot bind OneWrong.abs: the Java method 'int abs(String)' does not match the cdef declaration"
                        + " 'int abs(int)': parameter 1 is String, which cannot be converted to 'int'",
                assertThrows(FFIException.class, () -> libc.bind(OneWrong.class))
                        .getMessage());
    }

    @Test
    void aFunctionMissingFromTheLibraryIsOneOfTheLines() {
        assertEquals(
                """
                cannot bind Missing: 2 of its methods cannot be bound:
                  abs: the Java method 'int abs(String)' does not match the cdef declaration 'int abs(int)': \
                parameter 1 is String, which cannot be converted to 'int'
                  cffi4j_no_such_symbol: function 'cffi4j_no_such_symbol' is not in the C runtime""",
                assertThrows(FFIException.class, () -> libc.bind(Missing.class)).getMessage());
    }
}

package org.cffi4j.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.cffi4j.CData;
import org.cffi4j.FFI;
import org.cffi4j.Library;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** libm, loaded by its short name "m" and declared by {@code <math.h>}: doubles in and out, an int out-parameter. */
class LibmTest {
    private static FFI ffi;
    private static Library m;

    @BeforeAll
    static void load() {
        ffi = SystemHeaders.ffi("math.h");
        m = ffi.dlopen("m");
    }

    @AfterAll
    static void close() {
        m.close();
    }

    @Test
    void cosAgreesWithJavaWithinAnUlp() {
        assertEquals(1.0, m.call("cos", 0.0));
        assertEquals(-1.0, m.call("cos", Math.PI));
        for (double x : new double[] {0.5, 1.0, 2.5, -3.0, 100.0, 1e6}) {
            double c = (Double) m.call("cos", x);
            assertEquals(Math.cos(x), c, Math.ulp(c), "cos(" + x + ")");
        }
        assertEquals(1.0, m.call("cos", 0), "an int argument widens to double");
    }

    @Test
    void powIsExactWhereTheResultIs() {
        assertEquals(1024.0, m.call("pow", 2.0, 10.0));
        assertEquals(0.125, m.call("pow", 2.0, -3.0));
        assertEquals(Math.sqrt(2), (Double) m.call("pow", 2.0, 0.5), Math.ulp(Math.sqrt(2)));
        assertEquals(Double.NaN, m.call("pow", -1.0, 0.5));
    }

    @Test
    void frexpWritesTheExponentThroughAnIntPointer() {
        CData exponent = ffi.alloc("int *");
        assertEquals(0.5, m.call("frexp", 8.0, exponent));
        assertEquals(4, exponent.deref());

        int[] out = new int[1]; // a Java array is copied in and back
        assertEquals(-0.75, m.call("frexp", -3.0, out));
        assertEquals(2, out[0]);
    }

    @Test
    void ldexpInvertsFrexp() {
        assertEquals(8.0, m.call("ldexp", 0.5, 4));
        assertEquals(Double.MIN_VALUE, m.call("ldexp", 1.0, -1074));
        assertEquals(Double.POSITIVE_INFINITY, m.call("ldexp", 1.0, 1024));
    }

    @Test
    void floatFunctionsTakeAndReturnFloat() {
        assertEquals(1.0f, m.call("cosf", 0.0f));
        assertEquals(Float.class, m.call("sqrtf", 2.0).getClass());
        assertEquals((float) Math.sqrt(2), (Float) m.call("sqrtf", 2.0), Math.ulp((float) Math.sqrt(2)));
    }
}

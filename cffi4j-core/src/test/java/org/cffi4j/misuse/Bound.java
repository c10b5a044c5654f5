package org.cffi4j.misuse;

import org.cffi4j.CData;

/** The Java interfaces the misuse cases bind to C functions ({@code Library.bind}). */
public final class Bound {
    private Bound() {}

    /** {@code strlen} taking a cdata: the typed path checks the pointer's type and lifetime. */
    public interface Strlen {
        long strlen(CData s);
    }

    /** {@code cos} of libm. */
    public interface Cos {
        double cos(double x);
    }

    /** {@code abs} with a Java signature that does not match {@code int abs(int)}. */
    public interface WrongAbs {
        int abs(String j);
    }
}

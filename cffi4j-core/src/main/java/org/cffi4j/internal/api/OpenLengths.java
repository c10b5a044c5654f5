package org.cffi4j.internal.api;

import java.util.ArrayList;
import java.util.List;
import org.cffi4j.ctype.ArrayType;
import org.cffi4j.ctype.CType;

/**
 * CFFI's {@code T[...]}: array dimensions whose length only the C compiler knows, at any depth of
 * an array type ({@code int a[...]}, {@code [...][...]}, {@code [10][...]}, {@code []...[...]}).
 * The compiler gives each as {@code sizeof} of the array over {@code sizeof} of its first item.
 */
final class OpenLengths {
    private OpenLengths() {}

    /** How many '[...]' dimensions the array type {@code t} has (0 for any other type). */
    static int in(CType t) {
        int n = 0;
        for (CType x = t; x instanceof ArrayType a; x = a.element()) {
            n += a.length() == ArrayType.API_MODE_LENGTH ? 1 : 0;
        }
        return n;
    }

    /** For each '[...]' dimension of {@code t}, outermost first, the C expression of its length. */
    static List<String> expressions(CType t, String lvalue) {
        List<String> lengths = new ArrayList<>();
        String e = "(" + lvalue + ")";
        for (CType x = t; x instanceof ArrayType a; x = a.element()) {
            if (a.length() == ArrayType.API_MODE_LENGTH) {
                lengths.add("sizeof(" + e + ") / sizeof(" + e + "[0])");
            }
            e = "(" + e + "[0])";
        }
        return lengths;
    }

    /** {@code t} with its '[...]' dimensions given the lengths {@code v[from...]}, in order. */
    static CType filled(CType t, long[] v, int from) {
        List<ArrayType> chain = new ArrayList<>(); // a loop: typedefs can nest arrays without bound
        CType x = t;
        for (; x instanceof ArrayType a; x = a.element()) {
            chain.add(a);
        }
        int next = from + in(t);
        for (int i = chain.size() - 1; i >= 0; i--) {
            long length = chain.get(i).length();
            x = new ArrayType(x, length == ArrayType.API_MODE_LENGTH ? v[--next] : length);
        }
        return x;
    }
}

package org.cffi4j.internal.api;

import java.util.ArrayList;
import java.util.List;
import org.cffi4j.FFIException;
import org.cffi4j.ctype.CType;
import org.cffi4j.ctype.FunctionType;
import org.cffi4j.ctype.Param;
import org.cffi4j.ctype.PointerType;
import org.cffi4j.ctype.StructType;
import org.cffi4j.ctype.VoidType;
import org.cffi4j.internal.call.NativeLayouts;

/**
 * The C wrapper through which Java calls a function of API mode, and what it takes and returns
 * instead of what the function does: {@code double} for {@code long double}, which the FFM linker
 * cannot pass, and a pointer for a struct or union that the linker cannot pass by value (bitfields,
 * packed, completed by the compiler from a partial declaration, a long double member): the wrapper
 * takes a pointer to each such argument, and a pointer to the result as its first parameter.
 */
final class Wrapper {
    private Wrapper() {}

    /** Whether a value of type {@code t} crosses the wrapper by pointer. */
    static boolean byPointer(CType t) {
        if (!(t instanceof StructType s)) {
            return false;
        }
        if (s.state() != StructType.State.COMPLETE) {
            return true; // partial or opaque until the compiler completes it
        }
        try {
            NativeLayouts.of(s);
            return false;
        } catch (FFIException e) {
            return true;
        }
    }

    /** Whether the wrapper of {@code f} passes something by pointer. */
    static boolean passesByPointer(FunctionType f) {
        return byPointer(f.returnType()) || f.params().stream().anyMatch(p -> byPointer(p.type()));
    }

    /** The wrapper's type, its parameters named as {@link GeneratedNames#parameter} names them ({@link GeneratedNames#RESULT} for the result). */
    static FunctionType typeOf(FunctionType f) {
        FunctionType outer = LongDoubles.asDouble(f);
        List<Param> params = new ArrayList<>();
        CType result = outer.returnType();
        if (byPointer(f.returnType())) {
            params.add(new Param(GeneratedNames.RESULT, new PointerType(f.returnType())));
            result = VoidType.VOID;
        }
        for (int i = 0; i < f.params().size(); i++) {
            CType t = outer.params().get(i).type();
            params.add(new Param(GeneratedNames.parameter(i), byPointer(t) ? new PointerType(t) : t));
        }
        return new FunctionType(result, params, false);
    }

    /** The wrapper's body: the call of {@code callee} with the wrapper's parameters, converted back. */
    static String body(String callee, FunctionType f) {
        List<String> args = new ArrayList<>();
        for (int i = 0; i < f.params().size(); i++) {
            CType t = f.params().get(i).type();
            String a = GeneratedNames.parameter(i);
            args.add(LongDoubles.isLongDouble(t) ? "(long double) " + a : byPointer(t) ? "*" + a : a);
        }
        String call = callee + "(" + String.join(", ", args) + ")";
        CType r = f.returnType();
        if (r instanceof VoidType) {
            return call + ";";
        }
        if (byPointer(r)) {
            return "*" + GeneratedNames.RESULT + " = " + call + ";";
        }
        return "return " + (LongDoubles.isLongDouble(r) ? "(double) " : "") + call + ";";
    }
}

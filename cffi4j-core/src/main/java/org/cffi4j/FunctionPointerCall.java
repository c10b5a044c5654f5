package org.cffi4j;

import java.lang.foreign.MemorySegment;
import java.util.List;
import org.cffi4j.ctype.FunctionType;
import org.cffi4j.internal.call.Downcall;
import org.cffi4j.internal.call.VariadicDowncall;
import org.cffi4j.internal.memory.Lifetime;

/** A call through a function pointer cdata, linked once for its address and type. */
final class FunctionPointerCall {
    private final Downcall fixed;
    private final VariadicDowncall variadic;

    FunctionPointerCall(String name, FunctionType type, MemorySegment address, Lifetime lifetime) {
        Runnable alive = () -> lifetime.check("the function pointer '" + name + "'");
        this.fixed = type.variadic() ? null : Downcall.of(name, type, List.of(), address, alive);
        this.variadic = type.variadic() ? new VariadicDowncall(name, type, address, alive) : null;
    }

    Object invoke(Object[] args) {
        try {
            return fixed != null ? fixed.invoke(args) : variadic.invoke(args);
        } finally {
            java.lang.ref.Reference.reachabilityFence(this); // the function's owner, until C returns
        }
    }
}

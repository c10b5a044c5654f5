package org.cffi4j.internal.api;

import java.lang.foreign.MemorySegment;
import java.util.function.Function;
import org.cffi4j.CData;
import org.cffi4j.FFIException;
import org.cffi4j.ctype.CType;
import org.cffi4j.ctype.FunctionType;
import org.cffi4j.ctype.PointerType;
import org.cffi4j.ctype.StructType;
import org.cffi4j.internal.call.Downcall;
import org.cffi4j.internal.convert.Values;
import org.cffi4j.internal.memory.CDataAccess;
import org.cffi4j.internal.memory.Lifetime;
import org.cffi4j.internal.memory.Memory;

/**
 * Calls a function of API mode that passes structs by value through its C wrapper, which takes
 * them by pointer (see {@link Wrapper}): with the Java values of the function's own C type — a
 * struct cdata or an initialiser for each struct argument, a struct cdata back for a struct result
 * (owning a copy, as a struct returned by value does).
 */
public final class StructsByPointer {
    private StructsByPointer() {}

    /** Calls {@code wrapper} for the function {@code name} of C type {@code declared}. */
    public static Function<Object[], Object> invoker(String name, FunctionType declared, Downcall wrapper) {
        boolean result = Wrapper.byPointer(declared.returnType());
        int n = declared.params().size();
        return args -> {
            if (args.length != n) {
                throw new FFIException("'" + name + "' takes " + n + " argument" + (n == 1 ? "" : "s") + " ("
                        + declared.declare(name) + "), " + args.length + " given");
            }
            Object[] out = new Object[n + (result ? 1 : 0)];
            MemorySegment block = null;
            Lifetime owner = null;
            if (result) {
                StructType r = (StructType) declared.returnType();
                block = Memory.allocate(Math.max(1, r.byteSize()));
                owner = Lifetime.owning(block);
                out[0] = CDataAccess.door().create(new PointerType(r), block, owner);
            }
            for (int i = 0; i < n; i++) {
                CType t = declared.params().get(i).type();
                out[i + (result ? 1 : 0)] = Wrapper.byPointer(t)
                        ? pointerTo((StructType) t, args[i], "argument " + (i + 1) + " of '" + name + "'")
                        : args[i];
            }
            Object r = wrapper.invoke(out);
            if (!result) {
                return r;
            }
            StructType s = (StructType) declared.returnType();
            return CDataAccess.door().create(s, block.reinterpret(s.byteSize()), owner);
        };
    }

    // The struct's own memory for a cdata of it; else a copy made from the initialiser.
    private static CData pointerTo(StructType s, Object value, String where) {
        if (value instanceof CData c && c.ctype().equals(s)) {
            return CDataAccess.door()
                    .create(
                            new PointerType(s),
                            CDataAccess.door().memory(c),
                            CDataAccess.door().lifetime(c));
        }
        MemorySegment copy = Memory.allocate(Math.max(1, s.byteSize())).reinterpret(s.byteSize());
        Lifetime owner = Lifetime.owning(copy);
        Values.write(s, copy, 0, value, where);
        return CDataAccess.door().create(new PointerType(s), copy, owner);
    }
}

package org.cffi4j.ctype;

import java.util.List;
import org.cffi4j.FFIException;

/**
 * A C function type, {@code R(P1, P2, ...)}. Function pointers are {@link PointerType}s to a
 * function type. An empty parameter list, {@code int f()}, is read as {@code int f(void)}, as in
 * CFFI.
 *
 * @param returnType the return type
 * @param params the parameters, in order
 * @param variadic whether the parameter list ends with {@code ...}
 */
public record FunctionType(CType returnType, List<Param> params, boolean variadic) implements CType {

    /** Copies the parameter list so that the type stays immutable. */
    public FunctionType {
        params = List.copyOf(params);
    }

    @Override
    public long byteSize() {
        throw new FFIException("a function type '" + this + "' has no size; use a pointer to it");
    }

    @Override
    public long byteAlignment() {
        return byteSize();
    }

    @Override
    public boolean isComplete() {
        return false;
    }

    /**
     * Equal if return types, parameter types and variadic-ness are equal; parameter names do not
     * matter, as in C.
     */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof FunctionType f)
                || variadic != f.variadic
                || !returnType.equals(f.returnType)
                || params.size() != f.params.size()) {
            return false;
        }
        for (int i = 0; i < params.size(); i++) {
            if (!params.get(i).type().equals(f.params.get(i).type())) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = returnType.hashCode() * 31 + (variadic ? 1 : 0);
        for (Param p : params) {
            h = h * 31 + p.type().hashCode();
        }
        return h;
    }

    @Override
    public String toString() {
        return CPrinter.abbreviated(this, "");
    }
}

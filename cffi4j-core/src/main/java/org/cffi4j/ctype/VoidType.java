package org.cffi4j.ctype;

import org.cffi4j.FFIException;

/** The C type {@code void}: the target of a {@code void *}, the return of a procedure. */
public record VoidType() implements CType {
    /** The only instance needed; all instances are equal. */
    public static final VoidType VOID = new VoidType();

    @Override
    public long byteSize() {
        throw new FFIException("'void' has no size");
    }

    @Override
    public long byteAlignment() {
        throw new FFIException("'void' has no alignment");
    }

    @Override
    public boolean isComplete() {
        return false;
    }

    @Override
    public String toString() {
        return "void";
    }
}

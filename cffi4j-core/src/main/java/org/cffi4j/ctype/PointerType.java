package org.cffi4j.ctype;

/**
 * A C pointer type, {@code T *}.
 *
 * @param target the pointed-to type
 * @param targetQualifiers the qualifiers of the pointed-to type, a combination of {@link
 *     Qualifiers#CONST} and {@link Qualifiers#VOLATILE} ({@code const char *} has {@code CONST})
 * @param byteSize the pointer's size and alignment, in bytes: the platform's (4 on 32-bit
 *     platforms, 8 on 64-bit ones)
 */
public record PointerType(CType target, int targetQualifiers, long byteSize) implements CType {

    /**
     * A pointer to an unqualified {@code target}, {@code target *}, of the running platform.
     *
     * @param target the pointed-to type
     */
    public PointerType(CType target) {
        this(target, 0);
    }

    /**
     * A pointer of the running platform.
     *
     * @param target the pointed-to type
     * @param targetQualifiers the qualifiers of the pointed-to type
     */
    public PointerType(CType target, int targetQualifiers) {
        this(target, targetQualifiers, DataModel.current().pointerSize());
    }

    @Override
    public long byteAlignment() {
        return byteSize;
    }

    @Override
    public boolean isComplete() {
        return true;
    }

    @Override
    public String toString() {
        return CPrinter.abbreviated(this, "");
    }
}

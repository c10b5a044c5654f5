package org.cffi4j.ctype;

/**
 * A C pointer type, {@code T *}.
 *
 * @param target the pointed-to type
 * @param targetQualifiers the qualifiers of the pointed-to type, a combination of {@link
 *     Qualifiers#CONST} and {@link Qualifiers#VOLATILE} ({@code const char *} has {@code CONST})
 */
public record PointerType(CType target, int targetQualifiers) implements CType {

    /**
     * A pointer to an unqualified {@code target}, {@code target *}.
     *
     * @param target the pointed-to type
     */
    public PointerType(CType target) {
        this(target, 0);
    }

    @Override
    public long byteSize() {
        return DataModel.current().pointerSize();
    }

    @Override
    public long byteAlignment() {
        return DataModel.current().pointerSize();
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

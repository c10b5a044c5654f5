package org.cffi4j.internal.invoke;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;

/**
 * Finds cffi4j's own methods and fields as handles. What it looks up is part of cffi4j (or of the
 * JDK), named by cffi4j's code: failing to find it is a bug of cffi4j, never the user's doing, so
 * every lookup fails the same way, with a {@link LinkageError} that names what was missing (in a
 * static initializer, the class then fails to initialize). A user's own methods are looked up
 * where their failure can be reported as theirs.
 */
public final class MethodLookup {
    private MethodLookup() {}

    /** The static method {@code owner.name} of {@code type}, seen from {@code in}. */
    public static MethodHandle findStatic(MethodHandles.Lookup in, Class<?> owner, String name, MethodType type) {
        try {
            return in.findStatic(owner, name, type);
        } catch (ReflectiveOperationException e) {
            throw missing("static method", owner, name + type, e);
        }
    }

    /** The instance method {@code owner.name} of {@code type}, seen from {@code in}. */
    public static MethodHandle findVirtual(MethodHandles.Lookup in, Class<?> owner, String name, MethodType type) {
        try {
            return in.findVirtual(owner, name, type);
        } catch (ReflectiveOperationException e) {
            throw missing("method", owner, name + type, e);
        }
    }

    /** The instance field {@code owner.name} of {@code type} as a variable handle, seen from {@code in}. */
    public static VarHandle findVarHandle(MethodHandles.Lookup in, Class<?> owner, String name, Class<?> type) {
        try {
            return in.findVarHandle(owner, name, type);
        } catch (ReflectiveOperationException e) {
            throw missing("field", owner, name + " of " + type.getName(), e);
        }
    }

    /**
     * Defines {@code bytes} as a hidden class in the package of {@code host} (the caller's own
     * lookup: the class is named in its package and uses its package's classes) and returns its
     * static method {@code name} of {@code type}.
     */
    public static MethodHandle staticOfHiddenClass(
            MethodHandles.Lookup host, byte[] bytes, String name, MethodType type) {
        MethodHandles.Lookup hidden;
        try {
            hidden = host.defineHiddenClass(bytes, true);
        } catch (IllegalAccessException e) {
            throw new LinkageError("cffi4j cannot define its hidden class with method " + name + type, e);
        }
        return findStatic(hidden, hidden.lookupClass(), name, type);
    }

    private static LinkageError missing(String what, Class<?> owner, String member, Exception cause) {
        return new LinkageError(
                "cffi4j cannot find its own " + what + " " + owner.getName() + "." + member + ": " + cause, cause);
    }
}

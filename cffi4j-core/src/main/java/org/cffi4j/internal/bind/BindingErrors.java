package org.cffi4j.internal.bind;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.cffi4j.FFIException;

/**
 * The errors of binding an interface, gathered over all its methods so that one bind reports every
 * bad method: one error is thrown as it is, several as one message with a line per method under a
 * header naming the interface.
 */
final class BindingErrors {
    private final Class<?> iface;
    private final List<String> lines = new ArrayList<>();
    private FFIException first;

    BindingErrors(Class<?> iface) {
        this.iface = iface;
    }

    /** Records the error of binding method {@code m}. */
    void add(Method m, FFIException e) {
        if (first == null) {
            first = e;
        }
        String message = String.valueOf(e.getMessage());
        String prefix = BindingSignature.errorPrefix(m);
        lines.add("  " + m.getName() + ": "
                + (message.startsWith(prefix) ? message.substring(prefix.length()) : message));
    }

    /** Throws the error of the one bad method, or the list of all of them; nothing if all bind. */
    void throwIfAny() {
        if (lines.size() == 1) {
            throw first;
        }
        if (!lines.isEmpty()) {
            throw new FFIException("cannot bind " + iface.getSimpleName() + ": " + lines.size()
                    + " of its methods cannot be bound:\n" + String.join("\n", lines));
        }
    }
}

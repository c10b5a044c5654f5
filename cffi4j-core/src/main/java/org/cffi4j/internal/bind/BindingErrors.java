package org.cffi4j.internal.bind;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.cffi4j.FFIException;
import org.cffi4j.ctype.StructType;

/**
 * The errors of binding an interface (to C functions, or to a struct's members as a view), gathered
 * over all its methods so that one call reports every bad method: one error is thrown as it is,
 * several as one message with a line per method under a header naming the interface.
 */
final class BindingErrors {
    private final String header;
    private final String failure;
    private final Function<Method, String> prefix;
    private final List<String> lines = new ArrayList<>();
    private FFIException first;

    private BindingErrors(String header, String failure, Function<Method, String> prefix) {
        this.header = header;
        this.failure = failure;
        this.prefix = prefix;
    }

    /** The errors of binding {@code iface} to C functions. */
    BindingErrors(Class<?> iface) {
        this("cannot bind " + iface.getSimpleName(), "cannot be bound", BindingSignature::errorPrefix);
    }

    /** The errors of viewing the struct {@code s} through {@code iface}. */
    static BindingErrors ofView(Class<?> iface, StructType s) {
        return new BindingErrors(
                "cannot view '" + s + "' through " + iface.getSimpleName(),
                "do not fit its members",
                m -> ViewAccessors.errorPrefix(s, m));
    }

    /** Records the error of binding method {@code m}. */
    void add(Method m, FFIException e) {
        if (first == null) {
            first = e;
        }
        String message = String.valueOf(e.getMessage());
        String own = prefix.apply(m);
        lines.add("  " + m.getName() + ": " + (message.startsWith(own) ? message.substring(own.length()) : message));
    }

    /** Throws the error of the one bad method, or the list of all of them; nothing if all bind. */
    void throwIfAny() {
        if (lines.size() == 1) {
            throw first;
        }
        if (!lines.isEmpty()) {
            throw new FFIException(
                    header + ": " + lines.size() + " of its methods " + failure + ":\n" + String.join("\n", lines));
        }
    }
}

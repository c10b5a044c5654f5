package org.cffi4j.internal.message;

/**
 * The wording of what only API mode can do, written once: every such refusal names API mode the
 * same way, with what to call to get there.
 */
public final class ApiModeOnly {
    /** What to call to get API mode. */
    public static final String HOW = "(ffi.setSource + ffi.compile)";

    /** API mode, as a message names it. */
    public static final String API_MODE = "API mode " + HOW;

    private ApiModeOnly() {}

    /** The refusal to give the value of the constant {@code name}, declared with {@code ...}, outside API mode. */
    public static String constantValue(String name) {
        return "'" + name + "' is declared with '...': its value is known only in " + API_MODE;
    }
}

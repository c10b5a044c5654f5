package org.cffi4j.internal.api;

import org.cffi4j.FFI;

/**
 * The contract between API mode's generated C and the Java that loads it, in one place: the names
 * the generated C gives what Java looks up or the compiler reports, and how a module is opened. The
 * generated C writes these names; Java finds the symbols and reads the compiler's messages by them.
 */
public final class GeneratedNames {
    /** The name the generated C's own lines go by ({@code #line}): the compiler's messages cite it. */
    static final String GENERATED_FILE = "cffi4j-generated.c";

    /**
     * How a module is opened: {@code RTLD_NOW}, local ({@code RTLD_LOCAL} is 0), so that a module's C
     * calls its own functions and not another module's of the same name.
     */
    static final int DLOPEN_FLAGS = FFI.RTLD_NOW;

    /** The function that fills an array with the value of every integer constant, in order. */
    static final String CONSTANTS = "cffi4j_constants";

    /** The parameter of a wrapper through which it returns a struct that crosses by pointer. */
    static final String RESULT = "cffi4j_result";

    private static final String PREFIX = "cffi4j_";

    private GeneratedNames() {}

    /** The name of the module's own C source, as the generated C's {@code #line} names it. */
    static String sourceFile(String module) {
        return module + ".c";
    }

    /** The C wrapper through which Java calls {@code function}. */
    static String wrapper(String function) {
        return PREFIX + "wrap_" + function;
    }

    /** The function returning the address of the global {@code variable}. */
    public static String addressGetter(String variable) {
        return PREFIX + "addr_" + variable;
    }

    /** The function copying the value of the constant {@code name} (of any type) to its argument. */
    public static String valueGetter(String name) {
        return PREFIX + "value_" + name;
    }

    /** The function that stores the Java implementation of the {@code extern "Java"} {@code function}. */
    public static String externJavaSetter(String function) {
        return PREFIX + "set_" + function;
    }

    /** The static variable holding the Java implementation of the {@code extern "Java"} {@code function}. */
    static String externJavaSlot(String function) {
        return PREFIX + "java_" + function;
    }

    /** The name of a wrapper's or an {@code extern "Java"} function's {@code index}th parameter. */
    static String parameter(int index) {
        return PREFIX + "a" + index;
    }

    /** The {@code number}th generated symbol of a {@code kind} ({@code layout}, {@code check}...). */
    static String generated(String kind, int number) {
        return PREFIX + kind + "_" + number;
    }
}

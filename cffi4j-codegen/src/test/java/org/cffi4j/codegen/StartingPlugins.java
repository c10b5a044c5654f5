package org.cffi4j.codegen;

import org.cffi4j.FFI;

/** Implementing classes whose static initialisers misbehave, for the start's failure paths. */
public final class StartingPlugins {
    private StartingPlugins() {}

    /** Its static initialiser throws: the library cannot start. */
    public static final class ThrowingInitialiser {
        static {
            if (System.getenv("PATH") != null) {
                throw new IllegalStateException("no configuration file");
            }
        }

        private ThrowingInitialiser() {}

        public static int add(int a, int b) {
            return a + b;
        }
    }

    /** Its static initialiser calls the library it is starting: that call gets zero, not a deadlock. */
    public static final class CallingItsOwnLibrary {
        /** What the call from the static initialiser returned. */
        static final int DURING_START;

        static {
            FFI ffi = new FFI();
            ffi.cdef("int add(int a, int b);");
            DURING_START = (int) ffi.dlopen(System.getenv("EMBEDDED_LIBRARY")).call("add", 20, 22);
        }

        private CallingItsOwnLibrary() {}

        public static int add(int a, int b) {
            return a + b + DURING_START;
        }
    }
}

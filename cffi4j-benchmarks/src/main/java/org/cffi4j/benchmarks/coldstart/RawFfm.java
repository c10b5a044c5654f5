package org.cffi4j.benchmarks.coldstart;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;

/** Cold start through raw FFM: a library lookup and one downcall handle, for {@code add_ints} only. */
public final class RawFfm {
    private RawFfm() {}

    /**
     * Loads the library at {@code args[0]}, calls {@code add_ints(20, 22)} and prints the result.
     *
     * @throws Throwable if the downcall fails
     */
    public static void main(String[] args) throws Throwable {
        SymbolLookup lib = SymbolLookup.libraryLookup(Path.of(args[0]), Arena.global());
        MethodHandle addInts = Linker.nativeLinker()
                .downcallHandle(
                        lib.find("add_ints").orElseThrow(),
                        FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
        int r = (int) addInts.invokeExact(20, 22);
        if (r != 42) {
            System.err.println("add_ints(20, 22) returned " + r);
            System.exit(1);
        }
        System.out.println(r);
    }
}

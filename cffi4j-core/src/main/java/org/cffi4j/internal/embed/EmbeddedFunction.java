package org.cffi4j.internal.embed;

import java.lang.foreign.FunctionDescriptor;
import java.util.ArrayList;
import java.util.List;
import org.cffi4j.FFI;
import org.cffi4j.FFIException;
import org.cffi4j.internal.call.Downcall;
import org.cffi4j.internal.decl.Declaration;
import org.cffi4j.internal.decl.DeclarationTable;
import org.cffi4j.internal.decl.FfiTables;
import org.cffi4j.internal.upcall.Upcalls;

/**
 * One function of an embedded library: its C declaration and the descriptor its upcall stub has.
 * The generator checks the same list at build time that the library builds at its first call, so
 * a function Java cannot implement fails the build, not the C program.
 *
 * @param declaration the function as the cdef declares it
 * @param descriptor its linker descriptor (a pointer is an address, a struct its group layout)
 */
public record EmbeddedFunction(Declaration.Function declaration, FunctionDescriptor descriptor) {
    /** The function's name in C. */
    public String name() {
        return declaration.name();
    }

    /** The C declaration, as messages quote it: {@code int add(int a, int b)}. */
    public String cDeclaration() {
        return quoted(declaration);
    }

    private static String quoted(Declaration.Function f) {
        try {
            return org.cffi4j.ctype.CPrinter.definition(f.type(), f.name());
        } catch (FFIException tooLarge) {
            return f.describe();
        }
    }

    /**
     * Every function the cdef parsed into {@code ffi} declares, in their order, checked.
     *
     * @param ffi the FFI the cdef was parsed into
     * @return the functions
     * @throws FFIException naming the first function Java cannot implement, and why
     */
    public static List<EmbeddedFunction> all(FFI ffi) {
        DeclarationTable table = FfiTables.of(ffi);
        List<EmbeddedFunction> out = new ArrayList<>();
        for (Declaration d : table.declarations()) {
            if (d instanceof Declaration.Function f) {
                try {
                    out.add(of(f));
                } catch (FFIException e) {
                    String where = table.locationOf(f.name());
                    throw where == null ? e : new FFIException(where + ": " + e.getMessage());
                }
            }
        }
        return out;
    }

    private static EmbeddedFunction of(Declaration.Function f) {
        String c = quoted(f);
        if (f.type().variadic()) {
            throw new FFIException("'" + c + "' is variadic: a Java method cannot take C's '...' arguments;"
                    + " declare a fixed list of parameters");
        }
        if (f.hasBody()) {
            throw new FFIException("'" + c + "' has a body in the cdef: an embedded function is implemented in Java;"
                    + " declare it without one");
        }
        FunctionDescriptor d;
        try {
            d = Upcalls.descriptor(f.type(), f.type());
        } catch (FFIException e) {
            throw new FFIException("'" + c + "' cannot be implemented in Java: "
                    + e.getMessage().replaceFirst("^cannot make a callback of type '[^']*': ", ""));
        }
        if (Downcall.slots(d.argumentLayouts(), 1) > Downcall.MAX_SLOTS) {
            throw new FFIException("'" + c + "' has more parameters than a Java method can take (the JVM's limit is "
                    + Downcall.MAX_SLOTS + " slots, a long or a double taking two)");
        }
        return new EmbeddedFunction(f, d);
    }
}

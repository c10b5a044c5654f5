package org.cffi4j.cdef;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.cffi4j.FFI;
import org.cffi4j.ctype.CPrinter;
import org.cffi4j.ctype.CType;
import org.cffi4j.ctype.FunctionType;
import org.cffi4j.ctype.Param;
import org.cffi4j.ctype.PointerType;
import org.cffi4j.ctype.VoidType;
import org.cffi4j.testing.GccProbe;
import org.junit.jupiter.api.Test;

/**
 * The printed forms where C has a convention (docs/SEMANTICS.md, "Printed forms"): a NULL pointer
 * is {@code NULL}, an enum value shows its constant's name, pointers to pointers print as C writes
 * them.
 */
class PrintedFormsTest {
    private final FFI ffi = new FFI();

    PrintedFormsTest() {
        ffi.cdef("enum color { RED, GREEN = 5 }; struct s { int *p; };");
    }

    @Test
    void aNullPointerPrintsAsNull() {
        assertEquals("<cdata 'int *' NULL>", ffi.cast("int *", 0).toString());
        assertEquals("<cdata 'void *' NULL>", FFI.NULL.toString());
        assertEquals("<cdata 'int *' NULL>", ffi.alloc("struct s *").get("p").toString());
        assertEquals("<cdata 'int *' 0x10>", ffi.cast("int *", 16).toString());
    }

    @Test
    void anEnumValuePrintsWithItsName() {
        assertEquals("<cdata 'enum color' 5: GREEN>", ffi.cast("enum color", 5).toString());
        assertEquals("<cdata 'enum color' 0: RED>", ffi.cast("enum color", 0).toString());
        assertEquals("<cdata 'enum color' 7>", ffi.cast("enum color", 7).toString());
    }

    @Test
    void typesPrintAsCWritesThem() {
        assertEquals("int **", ffi.typeOf("int**").toString());
        assertEquals("const char *const *", ffi.typeOf("char const * const *").toString());
        assertEquals("int(*)[5]", ffi.typeOf("int (*)[5]").toString());
        assertEquals("void(*)(int)", ffi.typeOf("void (*)(int)").toString());
    }

    // Generated C defines functions: their own parameters need names, a parameter list inside them
    // (here the callback's) does not take any.
    @Test
    void aDefinitionNamesTheFunctionsOwnParametersOnly() {
        CType i = ffi.typeOf("int");
        CType callback = new PointerType(new FunctionType(VoidType.VOID, List.of(new Param("x", i)), false));
        FunctionType f = new FunctionType(
                ffi.typeOf("int (*)(double)"),
                List.of(new Param("s", ffi.typeOf("char *")), new Param(null, i), new Param("cb", callback)),
                false);
        String head = CPrinter.definition(f, "f");
        assertEquals("int(*f(char *s, int, void(*cb)(int)))(double)", head);
        assertEquals("int(*f(char *, int, void(*)(int)))(double)", f.declare("f"));
        assertEquals("", GccProbe.syntaxErrors(head + " { (void) s; (void) cb; return 0; }"));
    }
}

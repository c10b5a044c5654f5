package org.cffi4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.cffi4j.ctype.ArrayType;
import org.cffi4j.ctype.FunctionType;
import org.cffi4j.ctype.PointerType;
import org.cffi4j.ctype.PrimitiveType;
import org.cffi4j.ctype.StructType;
import org.cffi4j.internal.decl.Declaration;
import org.junit.jupiter.api.Test;

/** What cdef records for each kind of declaration: functions, globals, labels, bodies, placeholders. */
class CdefDeclarationsTest {

    private static Declaration declared(FFI ffi, String name) {
        return ffi.table().lookup(name).orElseThrow(() -> new AssertionError(name + " not declared"));
    }

    @Test
    void functionsKeepTheirAsmLabelAsSymbol() {
        FFI ffi = new FFI();
        ffi.cdef("""
                extern int fstat(int, void *) __asm__ ("" "fstat64") __attribute__ ((__nothrow__ , __leaf__));
                extern int puts(const char *);
                """);
        Declaration.Function fstat = (Declaration.Function) declared(ffi, "fstat");
        assertEquals("fstat64", fstat.symbol());
        assertEquals("puts", ((Declaration.Function) declared(ffi, "puts")).symbol());
        assertEquals("int(int, void *)", fstat.type().toString());
    }

    @Test
    void staticInlineBodiesAreSkippedAndRemembered() {
        FFI ffi = new FFI();
        ffi.cdef("""
                static inline int twice(int x) { struct { int a; } s = { x }; if (x) { return s.a * 2; } return "}"[0]; }
                int after(void);
                """);
        assertTrue(((Declaration.Function) declared(ffi, "twice")).hasBody());
        assertFalse(((Declaration.Function) declared(ffi, "after")).hasBody());
    }

    @Test
    void functionsReturningFunctionPointers() {
        FFI ffi = new FFI();
        ffi.cdef("void (*signal(int sig, void (*handler)(int)))(int);");
        FunctionType signal = ((Declaration.Function) declared(ffi, "signal")).type();
        assertEquals("void(*(int, void(*)(int)))(int)", signal.toString());
        assertEquals("sig", signal.params().get(0).name());
        assertInstanceOf(PointerType.class, signal.returnType());
    }

    @Test
    void globalsAndTheirQualifiers() {
        FFI ffi = new FFI();
        ffi.cdef("extern const int table_size; extern __thread int counter; extern char *environ_[];");
        Declaration.Variable size = (Declaration.Variable) declared(ffi, "table_size");
        assertEquals(org.cffi4j.ctype.Qualifiers.CONST, size.qualifiers());
        assertTrue(((Declaration.Variable) declared(ffi, "counter")).threadLocal());
        assertEquals(
                "char *[]",
                ((Declaration.Variable) declared(ffi, "environ_")).type().toString());
    }

    @Test
    void parametersAreAdjustedAsInC() {
        FFI ffi = new FFI();
        ffi.cdef("int f(int a[10], int g(int), char m[][4], int (void)); int h();");
        FunctionType f = ((Declaration.Function) declared(ffi, "f")).type();
        assertEquals("int(int *, int(*)(int), char(*)[4], int(*)(void))", f.toString());
        assertEquals(
                "int(void)", ((Declaration.Function) declared(ffi, "h")).type().toString());
    }

    @Test
    void typedefNamesMayBeRedeclaredAsMembersAndParameters() {
        FFI ffi = new FFI();
        ffi.cdef("typedef int T; struct s { T T; }; int f(T x, T);");
        assertEquals(
                "int",
                ((StructType) ffi.typeOf("struct s")).fields().get(0).type().toString());
        assertEquals("T", ((StructType) ffi.typeOf("struct s")).fields().get(0).name());
    }

    @Test
    void predefinedTypesAreReplacedByTheHeadersOwn() {
        FFI ffi = new FFI();
        assertEquals("size_t", ffi.typeOf("size_t").toString());
        ffi.cdef("typedef unsigned long size_t; typedef int wchar_t;");
        assertEquals("unsigned long", ffi.typeOf("size_t").toString());
        assertEquals("int", ffi.typeOf("wchar_t").toString());
    }

    @Test
    void identicalRedeclarationsAreAccepted() {
        FFI ffi = new FFI();
        String header =
                "typedef struct { int x, y; } point; struct s { int a; }; enum e { A, B }; int f(int);\n#define N 3";
        ffi.cdef(header);
        StructType before = (StructType) ffi.typeOf("struct s");
        ffi.cdef(header);
        assertSame(before, ffi.typeOf("struct s"));
        assertEquals(8, ffi.sizeof("point"));
    }

    @Test
    void overrideAllowsRedefinition() {
        FFI ffi = new FFI();
        ffi.cdef("struct s { int a; }; typedef int T;\n#define N 1");
        ffi.cdef("struct s { long a; long b; }; typedef long T;\n#define N 2", CdefOptions.override());
        assertEquals(16, ffi.sizeof("struct s"));
        assertEquals(8, ffi.sizeof("T"));
        assertEquals(2, ffi.integerConst("N"));
    }

    @Test
    void forwardStructsAreCompletedByALaterCdef() {
        FFI ffi = new FFI();
        ffi.cdef("struct node; typedef struct node node_t; node_t *head;");
        assertThrows(FFIException.class, () -> ffi.sizeof("node_t"));
        ffi.cdef("struct node { node_t *next; int value; };");
        assertEquals(16, ffi.sizeof("node_t"));
        assertSame(ffi.typeOf("struct node"), ((PointerType) ffi.typeOf("node_t *")).target());
    }

    @Test
    void aFailingCdefLeavesTheFfiAsItWas() {
        FFI ffi = new FFI();
        ffi.cdef("struct later; typedef int kept;");
        List<String> types = ffi.listTypes();
        assertThrows(CDefException.class, () -> ffi.cdef("struct later { int a; }; typedef int added; int broken("));
        assertEquals(types, ffi.listTypes());
        assertThrows(FFIException.class, () -> ffi.sizeof("struct later"));
        assertThrows(CDefException.class, () -> ffi.typeOf("added"));
    }

    @Test
    void cffiPlaceholdersNeedApiMode() {
        FFI ffi = new FFI();
        ffi.cdef("""
                struct partial { int a; ...; };
                typedef ... opaque_t;
                typedef int... myint_t;
                typedef float... myfloat_t;
                extern int arr[...];
                enum flags { F1, F2, ... };
                enum modes { M1 = 4, M2, ... };
                #define LATER ...
                """);
        assertEquals(StructType.State.PARTIAL, ((StructType) ffi.typeOf("struct partial")).state());
        assertEquals(StructType.State.OPAQUE, ((StructType) ffi.typeOf("opaque_t")).state());
        assertEquals(PrimitiveType.Kind.UNKNOWN_INTEGER, ((PrimitiveType) ffi.typeOf("myint_t")).kind());
        assertEquals(
                ArrayType.API_MODE_LENGTH, ((ArrayType) ((Declaration.Variable) declared(ffi, "arr")).type()).length());
        for (String t : List.of("struct partial", "opaque_t", "myint_t", "myfloat_t")) {
            FFIException e = assertThrows(FFIException.class, () -> ffi.sizeof(t), t);
            assertTrue(e.getMessage().contains("API mode"), e.getMessage());
        }
        assertTrue(assertThrows(FFIException.class, () -> ffi.integerConst("LATER"))
                .getMessage()
                .contains("API mode"));
        // As in CFFI: in a partial enum, values not written out come from the compiler.
        assertTrue(assertThrows(FFIException.class, () -> ffi.integerConst("F2"))
                .getMessage()
                .contains("API mode"));
        assertEquals(4, ffi.integerConst("M1"));
        assertThrows(FFIException.class, () -> ffi.integerConst("M2"));
        assertTrue(assertThrows(FFIException.class, () -> ffi.offsetof("struct partial", "a"))
                .getMessage()
                .contains("API mode"));
    }

    @Test
    void pragmaPackAndOptions() {
        FFI ffi = new FFI();
        ffi.cdef("""
                #pragma pack(push, 1)
                struct p1 { char c; int i; };
                #pragma pack(2)
                struct p2 { char c; int i; };
                #pragma pack(pop)
                struct p4 { char c; int i; };
                """);
        assertEquals(5, ffi.sizeof("struct p1"));
        assertEquals(6, ffi.sizeof("struct p2"));
        assertEquals(8, ffi.sizeof("struct p4"));
        FFI packed = new FFI();
        packed.cdef("struct s { char c; int i; };", CdefOptions.packed());
        assertEquals(5, packed.sizeof("struct s"));
        FFI pack2 = new FFI();
        pack2.cdef("struct s { char c; int i; };", CdefOptions.pack(2));
        assertEquals(6, pack2.sizeof("struct s"));
        assertThrows(FFIException.class, () -> CdefOptions.pack(3));
    }

    @Test
    void includeSharesTypesAndConstants() {
        FFI base = new FFI();
        base.cdef("typedef struct { int x, y; } point;\n#define ORIGIN 0");
        FFI user = new FFI();
        user.include(base);
        user.cdef("struct line { point a, b; };");
        assertEquals(16, user.sizeof("struct line"));
        assertEquals(0, user.integerConst("ORIGIN"));
    }

    @Test
    void staticConstIntegersAreConstants() {
        FFI ffi = new FFI();
        ffi.cdef("static const int LIMIT = 4 * 8; static const unsigned long BIG = ~0UL; static const int LATER;");
        assertEquals(32, ffi.integerConst("LIMIT"));
        assertEquals(-1L, ffi.integerConst("BIG"));
        assertThrows(FFIException.class, () -> ffi.integerConst("LATER"));
    }

    @Test
    void typeofOfDeclaredNames() {
        FFI ffi = new FFI();
        ffi.cdef("extern double values[4]; typedef __typeof__(values) values_t; typedef __typeof__(int *) ip;");
        assertEquals(32, ffi.sizeof("values_t"));
        assertEquals("int *", ffi.typeOf("ip").toString());
    }

    @Test
    void deepNestingIsAnErrorNotAStackOverflow() {
        String deep = "int " + "(".repeat(100_000) + "x" + ")".repeat(100_000) + ";";
        CDefException e = assertThrows(CDefException.class, () -> new FFI().cdef(deep));
        assertTrue(e.getMessage().contains("nested too deeply"), e.getMessage());
        String expr = "#define X " + "- ".repeat(100_000) + "1";
        assertTrue(assertThrows(CDefException.class, () -> new FFI().cdef(expr))
                .getMessage()
                .contains("nested too deeply"));
    }

    @Test
    void askingAboutATypeDeclaresNothing() {
        FFI ffi = new FFI();
        ffi.cdef("struct known { int a; };");
        List<String> before = ffi.listTypes();
        assertEquals("struct nope *", ffi.typeOf("struct nope *").toString());
        assertThrows(CDefException.class, () -> ffi.typeOf("enum e { A = 5, B = 1 / 0 }"));
        assertEquals(before, ffi.listTypes());
        assertThrows(FFIException.class, () -> ffi.integerConst("A"));
    }
}

package org.cffi4j.fuzz;

import java.util.List;
import java.util.function.IntFunction;

/**
 * Inputs that nest, chain or repeat one construct {@code n} times: the shapes that break a
 * recursive-descent parser (stack overflow) or a careless algorithm (quadratic or exponential
 * time). Each is a complete cdef source; some are valid C, most are not.
 */
final class DeepInputs {
    /** A named family of inputs, one per size. */
    record Shape(String name, IntFunction<String> source) {
        String of(int n) {
            return source.apply(n);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** Sizes around the parser's depth limit (200), and far beyond it. */
    static final int[] SIZES = {1, 199, 200, 201, 1_000, 100_000};

    private DeepInputs() {}

    static final List<Shape> SHAPES = List.of(
            // Expressions.
            new Shape("open parens in #define", n -> "#define X " + "(".repeat(n) + "1\n"),
            new Shape("balanced parens in #define", n -> "#define X " + "(".repeat(n) + "1" + ")".repeat(n) + "\n"),
            new Shape("minus signs", n -> "#define X " + "- ".repeat(n) + "1\n"),
            new Shape("not and complement", n -> "#define X " + "!~".repeat(n) + "1\n"),
            new Shape("casts", n -> "#define X " + "(int)".repeat(n) + "1\n"),
            new Shape("sizeof chain", n -> "#define X " + "sizeof ".repeat(n) + "1\n"),
            new Shape("_Alignof chain", n -> "#define X " + "_Alignof ".repeat(n) + "1\n"),
            new Shape("__extension__ chain", n -> "#define X " + "__extension__ ".repeat(n) + "1\n"),
            new Shape("sizeof of parens", n -> "#define X " + "sizeof(".repeat(n) + "1" + ")".repeat(n) + "\n"),
            new Shape("nested conditionals", n -> "#define X " + "1 ? ".repeat(n) + "1" + " : 0".repeat(n) + "\n"),
            new Shape("chained conditionals", n -> "#define X " + "0 ? 1 : ".repeat(n) + "2\n"),
            new Shape("long sum", n -> "#define X 0" + " + 1".repeat(n) + "\n"),
            new Shape("long logical chain", n -> "#define X 1" + " || 1 && 0".repeat(n) + "\n"),
            new Shape("array length parens", n -> "int a[" + "(".repeat(n) + "1" + ")".repeat(n) + "];"),
            new Shape("enum value parens", n -> "enum e { A = " + "(".repeat(n) + "1" + ")".repeat(n) + " };"),
            new Shape("bitfield width signs", n -> "struct s { int f : " + "+".repeat(n) + "1; };"),
            new Shape(
                    "_Static_assert parens",
                    n -> "_Static_assert(" + "(".repeat(n) + "1" + ")".repeat(n) + ", \"x\");"),
            // Declarators.
            new Shape("pointer stars", n -> "int " + "*".repeat(n) + "p;"),
            new Shape("pointer stars declared twice", n -> ("int " + "*".repeat(n) + "p;\n").repeat(2)),
            new Shape("pointer stars conflicting", n -> "int " + "*".repeat(n) + "p;\nchar " + "*".repeat(n) + "p;"),
            new Shape("const pointer stars", n -> "int " + "* const ".repeat(n) + "p;"),
            new Shape("open brackets", n -> "int a" + "[".repeat(n) + ";"),
            new Shape("array dimensions", n -> "int a" + "[1]".repeat(n) + ";"),
            new Shape("array dimensions in a struct", n -> "struct s { char a" + "[1]".repeat(n) + "; };"),
            new Shape("sizeof of array dimensions", n -> "#define X sizeof(char" + "[2]".repeat(n) + ")\n"),
            new Shape("parenthesised declarator", n -> "int " + "(".repeat(n) + "p" + ")".repeat(n) + ";"),
            new Shape("pointers in parens", n -> "int " + "(*".repeat(n) + "p" + ")".repeat(n) + ";"),
            new Shape(
                    "function returning function pointers",
                    n -> "int " + "(*".repeat(n) + "f(void)" + ")(void)".repeat(n) + ";"),
            new Shape(
                    "function pointer parameters",
                    n -> "void f(" + "void (*)(".repeat(n) + "int" + ")".repeat(n) + ");"),
            new Shape(
                    "abstract declarator parens",
                    n -> "#define X sizeof(int " + "(".repeat(n) + "*" + ")".repeat(n) + ")\n"),
            // Specifiers.
            new Shape("typeof chain", n -> "typedef " + "__typeof__(".repeat(n) + "int" + ")".repeat(n) + " t;"),
            new Shape("_Atomic chain", n -> "typedef " + "_Atomic(".repeat(n) + "int" + ")".repeat(n) + " t;"),
            new Shape("_Alignas chain", n -> "typedef int " + "_Alignas(int ".repeat(n) + ")".repeat(n) + " t;"),
            new Shape("enum underlying chain", n -> "enum " + ": enum ".repeat(n) + "{ A };"),
            new Shape(
                    "attribute aligned chain",
                    n -> "int x __attribute__((aligned(" + "__alignof__(".repeat(n) + "int" + ")".repeat(n) + ")));"),
            new Shape("attribute parens", n -> "int x __attribute__((unused" + "(".repeat(n) + ")".repeat(n) + "));"),
            new Shape("many attributes", n -> "int x" + " __attribute__((unused))".repeat(n) + ";"),
            new Shape("many qualifiers", n -> "int " + "volatile ".repeat(n) + "x;"),
            // Bodies.
            new Shape("nested structs", n -> "struct a { ".repeat(n) + "int x;" + " } y;".repeat(n)),
            new Shape(
                    "nested anonymous unions",
                    n -> "struct s { " + "union { ".repeat(n) + "int x;" + " };".repeat(n) + " };"),
            new Shape("unclosed structs", n -> "struct a { ".repeat(n)),
            new Shape(
                    "nested enum in sizeof",
                    n -> "enum e0 { A0 = " + "sizeof(enum { B = ".repeat(n) + "1" + " })".repeat(n) + " };"),
            new Shape("inline body braces", n -> "static inline int f(void) " + "{".repeat(n) + "}".repeat(n) + "\n"),
            new Shape("unclosed inline body", n -> "static inline int f(void) " + "{".repeat(n)),
            new Shape("initializer braces", n -> "int x = " + "{".repeat(n) + "1" + "}".repeat(n) + ";"),
            new Shape("many members", n -> "struct s { " + memberList(n) + "};"),
            new Shape("many enumerators", n -> "enum e { " + enumeratorList(n) + "};"),
            new Shape("many parameters", n -> "int f(" + "int, ".repeat(n) + "int);"),
            // Lexer and source map.
            new Shape("line markers", n -> "# 1 \"a.h\"\n".repeat(n) + "int int;"),
            new Shape("long line", n -> "int x;".repeat(n) + " int int;"),
            new Shape("many lines", n -> "\n".repeat(n) + "int int;"),
            new Shape("unterminated comment", n -> "int x; /*" + " ".repeat(n)),
            new Shape("unterminated string", n -> "_Static_assert(1, \"" + "a".repeat(n)),
            new Shape(
                    "string concatenation", n -> "_Static_assert(1" + ", \"a\"".repeat(1) + " \"b\"".repeat(n) + ");"),
            new Shape("long identifier", n -> "int " + "x".repeat(n) + " x;"),
            new Shape("long number", n -> "#define X 1" + "0".repeat(n) + "\n"),
            new Shape("continuation lines", n -> "#define X 1 \\\n".repeat(n) + "\n"),
            // Types built by chains of typedefs: linear text, deep or exponentially large types.
            new Shape("typedef pointer chain", DeepInputs::pointerTypedefChain),
            new Shape("typedef array chain", DeepInputs::arrayTypedefChain),
            new Shape("typedef return chain", DeepInputs::returnTypedefChain),
            new Shape("typedef parameter chain", DeepInputs::parameterTypedefChain),
            new Shape("typedef doubling chain", DeepInputs::doublingTypedefChain));

    private static String memberList(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append("int m").append(i).append("; ");
        }
        return sb.toString();
    }

    private static String enumeratorList(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append("E").append(i).append(" = ").append(i).append(" * 2, ");
        }
        return sb.toString();
    }

    /**
     * Typedef chains are 25 bytes a level: 30,000 levels are enough to overflow any recursion, and
     * parse well within the time limit.
     */
    private static final int MAX_CHAIN = 30_000;

    // typedef int *p0; typedef p0 *p1; ...: then used where every level is walked.
    private static String pointerTypedefChain(int size) {
        int n = Math.min(size, MAX_CHAIN);
        StringBuilder sb = new StringBuilder("typedef int *p0;\n");
        for (int i = 1; i < n; i++) {
            sb.append("typedef p").append(i - 1).append(" *p").append(i).append(";\n");
        }
        String last = "p" + (n - 1);
        return sb + last + " v;\n" + last + " v;\ntypedef char " + last + ";\n";
    }

    private static String arrayTypedefChain(int size) {
        int n = Math.min(size, MAX_CHAIN);
        StringBuilder sb = new StringBuilder("typedef char a0[1];\n");
        for (int i = 1; i < n; i++) {
            sb.append("typedef a").append(i - 1).append(" a").append(i).append("[1];\n");
        }
        String last = "a" + (n - 1);
        return sb + "struct holder { " + last + " member; };\n#define X sizeof(" + last + ")\ntypedef int " + last
                + ";\n";
    }

    private static String returnTypedefChain(int size) {
        int n = Math.min(size, MAX_CHAIN);
        StringBuilder sb = new StringBuilder("typedef int (*r0)(void);\n");
        for (int i = 1; i < n; i++) {
            sb.append("typedef r").append(i - 1).append(" (*r").append(i).append(")(void);\n");
        }
        String last = "r" + (n - 1);
        return sb + last + " g(void);\n" + last + " g(void);\ntypedef int " + last + ";\n";
    }

    private static String parameterTypedefChain(int size) {
        int n = Math.min(size, MAX_CHAIN);
        StringBuilder sb = new StringBuilder("typedef void (*q0)(int);\n");
        for (int i = 1; i < n; i++) {
            sb.append("typedef void (*q").append(i).append(")(q").append(i - 1).append(");\n");
        }
        String last = "q" + (n - 1);
        return sb + "void h(" + last + ");\nvoid h(" + last + ");\ntypedef int " + last + ";\n";
    }

    // Each level uses the previous one three times: the type is a DAG whose tree is 3^n large.
    // Two equal copies are compared (a redeclaration), then one is printed (a conflict).
    private static String doublingTypedefChain(int n) {
        int k = Math.min(n, 60); // beyond ~40 levels the tree is astronomically large anyway
        StringBuilder sb = new StringBuilder();
        for (String p : List.of("x", "y")) {
            sb.append("typedef int (*").append(p).append("0)(void);\n");
            for (int i = 1; i < k; i++) {
                String prev = p + (i - 1);
                sb.append("typedef ")
                        .append(prev)
                        .append(" (*")
                        .append(p)
                        .append(i)
                        .append(")(")
                        .append(prev)
                        .append(", ")
                        .append(prev)
                        .append(");\n");
            }
        }
        String x = "x" + (k - 1);
        String y = "y" + (k - 1);
        return sb + "void h(" + x + ");\nvoid h(" + y + ");\ntypedef int " + x + ";\n";
    }
}

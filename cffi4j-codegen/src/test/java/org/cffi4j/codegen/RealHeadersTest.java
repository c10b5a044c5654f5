package org.cffi4j.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Whole real headers (their {@code cc -E} output, every declaration in it) generated in ABI mode:
 * the class compiles with {@code javac -Xlint:all -Werror}, loads, and the size, alignment and
 * member offsets of every generated {@code LAYOUT} are what gcc says, asserted by gcc itself.
 */
class RealHeadersTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "zlib.h | z | Z_ | ",
                "sqlite3.h | sqlite3 | SQLITE_ | ",
                "png.h | png16 | PNG_ | ",
                "curl/curl.h | curl | CURL | ",
                "openssl/evp.h | crypto | EVP_ | ",
                "libxml/parser.h | xml2 | XML_ | /usr/include/libxml2",
            })
    void generatesCompilesAndLaysOutAsGcc(String header, String library, String prefix, String includeDir)
            throws Exception {
        List<String> includes = includeDir == null ? List.of() : List.of(includeDir);
        String source = "#include <" + header + ">\n";
        String cdef = Gcc.preprocess(source, includes);
        String macros = Gcc.integerMacros(source, includes, prefix);
        String className = "org.example.h." + Character.toUpperCase(library.charAt(0)) + library.substring(1);
        GeneratedBinding b = Generator.generate(BindingSpec.abi(
                className, List.of(new CdefSource(header, cdef), new CdefSource("macros", macros)), List.of(library)));
        assertTrue(b.javaSource().contains("public static final int " + prefix), "no " + prefix + " constant");
        ClassLoader loader = Compiled.load(dir, b);
        Class<?> binding = Class.forName(className, true, loader);
        List<String> asserts = new ArrayList<>();
        int structs = 0;
        for (Class<?> nested : binding.getDeclaredClasses()) {
            if (!Modifier.isPublic(nested.getModifiers()) || nested.isInterface()) {
                continue;
            }
            MemoryLayout layout = (MemoryLayout) nested.getField("LAYOUT").get(null);
            String c = cName(nested.getSimpleName());
            structs++;
            asserts.add(fact("sizeof(" + c + ")", layout.byteSize()));
            asserts.add(fact("_Alignof(" + c + ")", layout.byteAlignment()));
            for (MemoryLayout m : ((GroupLayout) layout).memberLayouts()) {
                if (m.name().isPresent()) {
                    long offset = layout.byteOffset(
                            MemoryLayout.PathElement.groupElement(m.name().get()));
                    asserts.add(fact("__builtin_offsetof(" + c + ", " + m.name().get() + ")", offset));
                }
            }
        }
        assertTrue(structs > 0, "no struct class generated from " + header);
        // Checked on the preprocessed text cdef saw: a header's macros could rename a member's name
        String failures = Gcc.check(cdef + String.join("\n", asserts) + "\n", includes);
        assertEquals("", failures, "gcc disagrees with the generated layouts of " + header);
    }

    private static String fact(String expr, long value) {
        return "_Static_assert(" + expr + " == " + value + ", \"" + expr.replace("\"", "") + " == " + value + "\");";
    }

    // struct_tm -> struct tm, union_u -> union u, a typedef name stays.
    private static String cName(String className) {
        for (String kw : List.of("struct", "union")) {
            if (className.startsWith(kw + "_")) {
                return kw + " " + className.substring(kw.length() + 1);
            }
        }
        return className;
    }
}

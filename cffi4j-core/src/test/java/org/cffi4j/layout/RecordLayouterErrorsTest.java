package org.cffi4j.layout;

import static org.cffi4j.layout.Decl.alignedTo;
import static org.cffi4j.layout.Decl.bf;
import static org.cffi4j.layout.Decl.m;
import static org.cffi4j.layout.Decl.struct;
import static org.cffi4j.layout.Decl.union;
import static org.cffi4j.layout.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.cffi4j.FFIException;
import org.cffi4j.ctype.EnumType;
import org.cffi4j.ctype.FunctionType;
import org.cffi4j.ctype.Param;
import org.cffi4j.ctype.PrimitiveType;
import org.cffi4j.ctype.VoidType;
import org.cffi4j.internal.layout.RecordLayouter;
import org.cffi4j.internal.platform.Abi;
import org.cffi4j.testing.GccProbe;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bodies gcc rejects: the engine must reject them too, with a message that names the record and
 * the member. Each row also asks gcc, so that the table holds only real errors.
 */
class RecordLayouterErrorsTest {
    private static final PrimitiveType API_INT =
            new PrimitiveType("t", PrimitiveType.Kind.UNKNOWN_INTEGER, true, -1, -1);
    private static final FunctionType FUNC = new FunctionType(INT, List.of(new Param(null, INT)), false);

    static Stream<Arguments> badBodies() {
        return Stream.of(
                bad(
                        struct(bf("x", INT, 40)),
                        "width of bitfield 'x' in 'struct s' (40) exceeds its type 'int' (32 bits)"),
                bad(
                        struct(bf("b", BOOL, 2)),
                        "width of bitfield 'b' in 'struct s' (2) exceeds its type '_Bool' (1 bit)"),
                bad(
                        struct(bf("e", E_U, 33)),
                        "width of bitfield 'e' in 'struct s' (33) exceeds its type 'enum e_u' (32 bits)"),
                bad(
                        struct(bf("e", E_SMALL, 9)),
                        "width of bitfield 'e' in 'struct s' (9) exceeds its type 'enum e_small' (8 bits)"),
                bad(
                        struct(bf(null, LONG, 65)),
                        "width of unnamed bitfield in 'struct s' (65) exceeds its type 'long' (64 bits)"),
                bad(
                        union(bf("w", INT128, 129)),
                        "width of bitfield 'w' in 'union s' (129) exceeds its type '__int128' (128 bits)"),
                bad(
                        struct(bf("f", FLOAT, 3)),
                        "bitfield 'f' in 'struct s' has type 'float', which is not an integer type"),
                bad(
                        struct(bf("p", PTR, 3)),
                        "bitfield 'p' in 'struct s' has type 'int *', which is not an integer type"),
                bad(
                        struct(bf("i", INNER, 3)),
                        "bitfield 'i' in 'struct s' has type 'struct inner', which is not an integer type"),
                bad(struct(bf("x", INT, -3)), "negative width of bitfield 'x' in 'struct s' (-3)"),
                bad(
                        struct(bf("x", INT, 0)),
                        "zero width for bitfield 'x' in 'struct s': only an unnamed bitfield may be 0 bits wide"),
                bad(
                        struct(bf("x", EnumType.declare("nope", null), 3)),
                        "bitfield 'x' in 'struct s' has incomplete type 'enum nope': 'enum nope' is incomplete (declared without its constants)"),
                bad(
                        struct(m("a", open(INT)), m("b", INT)),
                        "flexible array member field 'a' in 'struct s' is not at the end of the struct"),
                bad(
                        union(m("a", INT), m("f", open(INT))),
                        "flexible array member field 'f' in 'union s': a union cannot have one"),
                bad(
                        struct(m("f", open(INT))),
                        "flexible array member field 'f' in 'struct s': the struct has no named member"),
                bad(
                        struct(bf(null, INT, 3), m("f", open(INT))),
                        "flexible array member field 'f' in 'struct s': the struct has no named member"),
                bad(
                        struct(m("c", CHAR), m("u", UNDEFINED)),
                        "field 'u' in 'struct s' has incomplete type 'struct undefined': 'struct undefined' is incomplete (declared without a body), so it has no known size"),
                bad(
                        struct(m("c", CHAR), m("a", arr(UNDEFINED, 2))),
                        "field 'a' in 'struct s' has incomplete type 'struct undefined[2]': 'struct undefined' is incomplete (declared without a body), so it has no known size"),
                bad(
                        struct(m("c", CHAR), m("a", open(UNDEFINED))),
                        "field 'a' in 'struct s' has incomplete type 'struct undefined[]': 'struct undefined' is incomplete (declared without a body), so it has no known size"),
                bad(
                        struct(m("c", CHAR), m("v", VoidType.VOID)),
                        "field 'v' in 'struct s' has incomplete type 'void': 'void' has no size"),
                bad(
                        struct(m("c", CHAR), m("f", FUNC)),
                        "field 'f' in 'struct s' is declared as a function; use a pointer to it"),
                bad(
                        struct(alignedTo(3, m("x", INT))),
                        "requested alignment 3 of field 'x' in 'struct s' is not a positive power of 2"),
                bad(struct(m("x", INT)).aligned(6), "requested alignment 6 of 'struct s' is not a positive power of 2"),
                bad(struct(m("a", INT), m("a", CHAR)), "duplicate member 'a' in 'struct s'"),
                bad(
                        struct(
                                m("a", INT),
                                m(null, union(m("b", INT), m("a", CHAR)).define(null))),
                        "duplicate member 'a' in 'struct s'"));
    }

    // Bodies gcc does not reject but the engine cannot lay out.
    static Stream<Arguments> badSpecs() {
        return Stream.of(
                bad(
                        struct(m("x", INT)).pack(3),
                        "#pragma pack(3) in force for 'struct s': the packing must be a power of 2"),
                bad(
                        struct(m("c", CHAR), m("x", API_INT)),
                        "field 'x' in 'struct s' has incomplete type 't': 't' is declared as 'typedef int... t': only API mode (ffi.setSource + ffi.compile) can tell its size"),
                bad(
                        struct(m("c", CHAR), m("a", arr(CHAR, Long.MAX_VALUE / 4))),
                        "'struct s' is too large: its size overflows"));
    }

    private static Arguments bad(Decl decl, String message) {
        return Arguments.of(decl, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBodies")
    void gccAndTheEngineRejectIt(Decl decl, String message) throws Exception {
        assertTrue(gccRejects(PRELUDE + decl.c("s")), () -> "gcc accepts " + decl);
        theEngineRejectsIt(decl, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSpecs")
    void theEngineRejectsIt(Decl decl, String message) {
        FFIException e = assertThrows(
                FFIException.class,
                () -> RecordLayouter.layout(decl.spec(decl.kind().keyword() + " s"), Abi.current()));
        assertEquals(message, e.getMessage());
    }

    private static boolean gccRejects(String source) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("cffi4j-reject");
        Path src = dir.resolve("bad.c");
        try {
            Files.writeString(src, source, StandardCharsets.UTF_8);
            Process p = new ProcessBuilder(GccProbe.compiler(), "-fsyntax-only", "-w", src.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "gcc timed out");
            return p.exitValue() != 0;
        } finally {
            Files.deleteIfExists(src);
            Files.deleteIfExists(dir);
        }
    }
}

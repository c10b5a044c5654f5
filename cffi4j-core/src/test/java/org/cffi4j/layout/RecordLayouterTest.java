package org.cffi4j.layout;

import static org.cffi4j.layout.Decl.alignedTo;
import static org.cffi4j.layout.Decl.bf;
import static org.cffi4j.layout.Decl.m;
import static org.cffi4j.layout.Decl.packedMember;
import static org.cffi4j.layout.Decl.struct;
import static org.cffi4j.layout.Decl.union;
import static org.cffi4j.layout.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.cffi4j.ctype.Field;
import org.cffi4j.ctype.StructType;
import org.cffi4j.internal.layout.RecordLayout;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One row per gcc layout rule: a struct or union built by hand, laid out by the engine and
 * compiled by gcc, which must agree on {@code sizeof}, {@code _Alignof} and the bit position and
 * width of every named member. gcc runs once for the whole table.
 */
class RecordLayouterTest {
    private static final List<Decl> ROWS = rows();
    private static LayoutProbe.Answers gcc;

    private static List<Decl> rows() {
        return Stream.of(natural(), unions(), bitfields(), zeroWidth(), packed(), aligned(), pragmaPack(), arrays())
                .flatMap(List::stream)
                .toList();
    }

    private static List<Decl> natural() {
        return List.of(
                struct(m("c", CHAR), m("i", INT), m("s", SHORT)),
                struct(m("c", CHAR), m("d", DOUBLE), m("f", FLOAT)),
                struct(m("c", CHAR), m("ld", LDOUBLE), m("e", CHAR)),
                struct(m("c", CHAR), m("i", INT128), m("u", UINT128)),
                struct(m("c", CHAR), m("p", PTR), m("b", BOOL), m("l", LONG)),
                struct(m("c", CHAR), m("fc", FCOMPLEX), m("dc", DCOMPLEX)),
                struct(m("c", CHAR), m("w", WCHAR), m("c16", CHAR16), m("i8", INT8), m("u64", UINT64)),
                struct(m("c", CHAR), m("in", INNER), m("o", ODD), m("e", CHAR)),
                struct(m("c", CHAR), m("e1", E_U), m("e2", E_SMALL), m("e3", E_BIG), m("e4", E_SHORT)),
                struct(m("a", CHAR), m(null, struct(m("b", CHAR), m("c", INT)).define(null)), m("d", SHORT)),
                struct(m("a", INT), m(null, union(m("b", CHAR), m("c", DOUBLE)).define(null)), m("d", CHAR)),
                struct(m("c", CHAR), m(null, INT), m("d", CHAR)), // "declares nothing": dropped
                struct());
    }

    private static List<Decl> unions() {
        return List.of(
                union(m("c", CHAR), m("i", INT), m("d", DOUBLE)),
                union(m("c", arr(CHAR, 5)), m("i", INT)),
                union(bf("x", INT, 3), m("c", CHAR)),
                union(m("c", CHAR), bf(null, LONG, 33)),
                union(m("i", INT), m("c", arr(CHAR, 5))).packed(),
                union(m("c", CHAR)).aligned(16),
                union(m("d", DOUBLE), m("c", arr(CHAR, 3))).pack(2),
                union(bf("x", I2, 32)),
                union(bf("x", I2, 16), m("c", CHAR)),
                union(m("a", arr(INT, 0)), m("c", CHAR)),
                union(alignedTo(8, m("c", CHAR)), m("s", SHORT)),
                union(
                        m("in", INNER),
                        m(null, struct(m("x", CHAR), m("y", SHORT)).define(null))));
    }

    private static List<Decl> bitfields() {
        return List.of(
                struct(bf("a", INT, 3), bf("b", INT, 5), bf("c", INT, 30)),
                struct(bf("a", CHAR, 5), bf("b", CHAR, 5), bf("c", UCHAR, 7)),
                struct(m("c", CHAR), bf("s", SHORT, 9), bf("t", USHORT, 9)),
                struct(m("i", INT), bf("a", LONG, 40), bf("b", ULONG, 30)),
                struct(m("c", CHAR), bf("a", LLONG, 60), bf("b", ULLONG, 5)),
                struct(m("c", CHAR), bf("a", INT128, 100), bf("b", UINT128, 60), bf("d", INT128, 128)),
                struct(bf("a", BOOL, 1), bf("b", BOOL, 1), m("c", CHAR), bf("d", BOOL, 1)),
                struct(bf("a", E_U, 3), bf("b", E_NEG, 2), bf("c", E_SMALL, 4), bf("d", E_BIG, 40), bf("e", E_SNEG, 7)),
                struct(m("c", CHAR), bf("a", INT, 32), m("d", CHAR)),
                struct(m("c", CHAR), bf("a", INT, 8), bf("b", INT, 16), bf("e", INT, 24)),
                struct(m("c", CHAR), bf("a", LONG, 3)),
                struct(m("c", CHAR), bf(null, LONG, 3)),
                struct(m("c", CHAR), bf(null, INT, 30), m("d", CHAR)),
                struct(m("a", CHAR), bf("b", SHORT, 4), m("c", CHAR)),
                struct(bf("a", INT, 3), m("c", CHAR), bf("b", INT, 20), bf("d", INT, 12)),
                struct(bf(null, INT, 3)),
                struct(bf("a", WCHAR, 17), bf("b", CHAR16, 9), bf("c", INT8, 7)),
                struct(m("c", CHAR), bf("x", AI32, 3)),
                struct(m("c", arr(CHAR, 20)), bf("x", AI32, 3)),
                struct(m("c", arr(CHAR, 20)), bf("x", AI32, 3)).aligned(64),
                struct(m("c", CHAR), bf("x", AC8, 4), bf("y", AC8, 6)),
                struct(bf("x", I2, 32)),
                struct(m("s", SHORT), bf("x", I2, 32)),
                struct(m("c", CHAR), bf("x", I2, 8), m("d", CHAR)),
                struct(m("a", INT), bf("x", AI32, 32), m("z", CHAR)),
                struct(m("c", CHAR), alignedTo(8, bf("x", INT, 3)), bf("y", INT, 4)),
                struct(m("c", CHAR), bf("x", LONG, 64)),
                struct(m("s", SHORT), bf("x", INT, 16), bf("y", INT, 16)),
                struct(bf("a", UINT128, 127), bf("b", UCHAR, 2)));
    }

    private static List<Decl> zeroWidth() {
        return List.of(
                struct(m("c", CHAR), bf(null, INT, 0), m("d", CHAR)),
                struct(m("c", CHAR), bf(null, LONG, 0), m("d", CHAR)),
                struct(bf("a", INT, 3), bf(null, INT, 0), bf("b", INT, 3)),
                struct(bf("a", INT, 3), bf(null, CHAR, 0), bf("b", INT, 3)),
                struct(bf(null, INT, 0)),
                struct(m("c", CHAR), bf(null, INT128, 0), m("d", CHAR)),
                struct(bf("a", CHAR, 3), bf(null, BOOL, 0), bf("b", CHAR, 2), bf(null, E_U, 0), bf("c", CHAR, 1)),
                struct(m("c", CHAR), bf(null, INT, 0), m("d", CHAR)).packed(),
                struct(m("c", CHAR), bf(null, LONG, 0), bf("d", CHAR, 3)).pack(1),
                union(m("c", CHAR), bf(null, LONG, 0)));
    }

    private static List<Decl> packed() {
        return List.of(
                struct(m("c", CHAR), m("i", INT), m("s", SHORT)).packed(),
                struct(bf("a", CHAR, 5), bf("b", CHAR, 5), bf("c", INT, 30), bf("d", LONG, 50))
                        .packed(),
                struct(bf("a", INT, 3)).packed(),
                struct(m("c", CHAR), packedMember(m("i", INT))),
                struct(m("c", CHAR), packedMember(m("i", INT)), m("s", SHORT)),
                struct(bf("c", CHAR, 4), packedMember(bf("i", INT, 30)), bf("s", SHORT, 3)),
                struct(m("c", CHAR), packedMember(m("x", INNER)), m("o", OVER)),
                struct(m("c", CHAR), m("x", AI16), m("o", OVER)).packed(),
                struct(m("c", CHAR), alignedTo(4, m("x", INT))).packed(),
                struct(m("c", CHAR), packedMember(alignedTo(2, m("x", LONG)))),
                struct(m("c", CHAR), m("i", INT)).packed().aligned(8),
                struct(m("c", CHAR), m("a", arr(INT, 3)), m("in", INNER)).packed(),
                struct(m("c", CHAR), packedMember(bf("a", CHAR, 7)), packedMember(m("d", CHAR))),
                struct(m("c", CHAR), alignedTo(4, bf("x", INT, 3))).packed(),
                struct(m("c", CHAR), packedMember(bf("x", LONG, 64))),
                struct(m("c", CHAR), bf(null, LONG, 0), bf("d", CHAR, 3))
                        .packed()
                        .aligned(2));
    }

    private static List<Decl> aligned() {
        return List.of(
                struct(m("c", CHAR), alignedTo(16, m("x", INT))),
                struct(m("c", CHAR), alignedTo(2, m("d", DOUBLE))),
                struct(m("c", CHAR)).aligned(32),
                struct(m("i", INT)).aligned(2),
                struct(m("c", CHAR), m("x", AI32), m("d", CHAR)),
                struct(m("c", CHAR), m("x", I2), m("d", CHAR)),
                struct(m("c", CHAR), m("o", OVER), m("d", CHAR)),
                struct(m("c", CHAR), alignedTo(4, m("a", arr(CHAR, 3))), m("d", CHAR))
                        .aligned(8));
    }

    private static List<Decl> pragmaPack() {
        return List.of(
                struct(m("c", CHAR), m("i", INT), m("d", DOUBLE)).pack(1),
                struct(m("c", CHAR), m("i", INT)).pack(2),
                struct(m("c", CHAR), m("d", DOUBLE), m("ld", LDOUBLE)).pack(4),
                struct(m("c", CHAR), m("ld", LDOUBLE)).pack(16),
                struct(m("c", CHAR), alignedTo(16, m("x", INT))).pack(4),
                struct(m("c", CHAR), m("i", INT)).pack(2).aligned(16),
                struct(m("c", CHAR), bf("x", INT, 30), bf("d", CHAR, 7), bf("l", LONG, 60))
                        .pack(1),
                struct(m("c", CHAR), bf("x", INT, 31)).pack(4),
                struct(m("c", CHAR), bf("a", LONG, 3)).pack(2),
                struct(m("c", CHAR), m("i", INT)).packed().pack(2),
                struct(m("c", CHAR), packedMember(alignedTo(8, m("x", LONG)))).pack(4),
                struct(m("c", CHAR), m("x", AI32), m("o", OVER)).pack(8),
                struct(m("c", CHAR), bf("x", I2, 32)).pack(2),
                struct(m("c", CHAR), alignedTo(8, bf("x", INT, 3))).pack(2),
                union(bf("x", LONG, 33), m("c", CHAR)).pack(4),
                struct(bf("a", LONG, 60), bf("b", LONG, 10)).pack(4),
                struct(m("c", CHAR), bf(null, LONG, 0), bf("d", CHAR, 3))
                        .pack(2)
                        .aligned(4));
    }

    private static List<Decl> arrays() {
        return List.of(
                struct(m("n", INT), m("d", open(DOUBLE))),
                struct(m("c", CHAR), m("a", arr(INT, 0))),
                struct(m("c", CHAR), m("a", arr(LONG, 0)), m("d", CHAR)),
                struct(m("c", CHAR), m("a", open(INT))).packed(),
                struct(m("c", CHAR), m("a", open(INNER))),
                struct(m("c", CHAR), m("a", arr(INNER, 2, 3)), m("d", arr(SHORT, 3, 1, 2))),
                struct(m("c", CHAR), m("f", FLEX)),
                struct(m("c", CHAR), m("a", arr(OVER, 2)), m("d", CHAR)));
    }

    @BeforeAll
    static void askGcc() {
        List<List<LayoutProbe.Path>> paths = new ArrayList<>();
        for (Decl d : ROWS) {
            paths.add(LayoutProbe.paths(d.layout().fields()));
        }
        gcc = LayoutProbe.run(PRELUDE, ROWS, paths);
    }

    static Stream<Arguments> rowsAndIndices() {
        return IntStream.range(0, ROWS.size()).mapToObj(i -> Arguments.of(ROWS.get(i), i));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rowsAndIndices")
    void agreesWithGcc(Decl decl, int row) {
        RecordLayout layout = decl.layout();
        Map<String, String> expected = new TreeMap<>();
        Map<String, String> actual = new TreeMap<>();
        long[] rec = gcc.record(row);
        expected.put("#sizeof/_Alignof", rec[0] + "/" + rec[1]);
        actual.put("#sizeof/_Alignof", layout.size() + "/" + layout.alignment());
        for (Map.Entry<String, long[]> e : places(layout.fields(), 0).entrySet()) {
            long[] g = gcc.member(row, e.getKey());
            expected.put(e.getKey(), g[0] + (g[1] < 0 ? "" : ":" + g[1]));
            actual.put(e.getKey(), e.getValue()[0] + (e.getValue()[1] < 0 ? "" : ":" + e.getValue()[1]));
        }
        assertEquals(expected, actual, () -> "bit positions (:width) of " + decl);
    }

    // {bit position, width} of every named member, anonymous members flattened as C sees them.
    private static Map<String, long[]> places(List<Field> fields, long base) {
        Map<String, long[]> out = new TreeMap<>();
        for (Field f : fields) {
            if (f.isAnonymousMember()) {
                out.putAll(places(((StructType) f.type()).fields(), base + f.bitPosition()));
            } else if (f.name() != null) {
                out.put(f.name(), new long[] {base + f.bitPosition(), f.bitWidth()});
            }
        }
        return out;
    }
}

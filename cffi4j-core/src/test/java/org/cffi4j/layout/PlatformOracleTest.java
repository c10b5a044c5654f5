package org.cffi4j.layout;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cffi4j.FFI;
import org.cffi4j.Platform;
import org.cffi4j.layout.DeclGenerator.GeneratedSet;
import org.cffi4j.layout.SetScope.Query;
import org.cffi4j.testing.CrossCompiler;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every named platform's compiler as the oracle of {@code new FFI(platform)}: the random declaration
 * sets of {@link DeclGenerator} (structs, unions, bitfields, packed, {@code #pragma pack}, aligned,
 * enums, macros), made of the scalar types that platform has, go to cdef; every size, alignment,
 * member offset, enum signedness and constant cdef answers becomes a {@code _Static_assert} that
 * the platform's cross compiler (or clang with the platform's {@code --target}) judges, all sets in
 * one {@code -fsyntax-only} run: nothing is executed. A bitfield's own bit position is not
 * observable in a constant expression; the record's size and the offsets of the members after it
 * are. A platform whose compiler is not installed is skipped, saying which package has it.
 *
 * <p>{@code -Dcffi4j.platforms.sets=N} sets per platform (default 300), {@code
 * -Dcffi4j.platforms.seed=S}; the counts of each platform are appended to {@code
 * target/platform-oracle.txt}.
 */
class PlatformOracleTest {
    private static final long SEED = Long.getLong("cffi4j.platforms.seed", 0x5EED17L);
    private static final int SETS = Integer.getInteger("cffi4j.platforms.sets", 300);
    private static final int SHOWN = 5;
    private static final Pattern KEY = Pattern.compile("k:(p|\\d+) (\\d+)");
    private static final Pattern LINE = Pattern.compile("oracle\\.c:(\\d+):");
    // cdef refuses a shift by the operand's width or more, which C leaves undefined and gcc folds
    // with a warning: a set whose sizeof arithmetic was reckoned for 64-bit longs may do that where
    // long is 32 bits.
    private static final String UNDEFINED_SHIFT = "out of range for a 32-bit value";
    private static final String PROLOGUE = """
            #include <stddef.h>
            #include <stdint.h>
            typedef __CHAR16_TYPE__ char16_t;
            """;

    static List<String> platforms() {
        return Platform.names();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("platforms")
    void cdefAgreesWithThePlatformsCompiler(String name) throws IOException {
        CrossCompiler cc = CrossCompiler.of(name);
        assumeTrue(
                cc.isInstalled(),
                name + " skipped: its compiler " + String.join(" ", cc.command()) + " is not installed (Debian package "
                        + cc.debianPackage() + "; scripts/prerequisites test installs it)");
        Platform platform = Platform.named(name);
        List<String> rows = DeclGenerator.primitiveRows(new FFI(platform));
        Program program = new Program();
        List<String> failures = new ArrayList<>();
        rows.forEach(row -> program.primitive(new FFI(platform), row.substring(0, row.indexOf('|'))));
        List<GeneratedSet> sets = new ArrayList<>();
        for (int i = 0; i < SETS; i++) {
            long seed = new SplittableRandom(SEED + name.hashCode() + i * 0x9E3779B97F4A7C15L).nextLong();
            GeneratedSet set = DeclGenerator.generate(i, seed, rows);
            sets.add(set);
            program.set(set, new FFI(platform), failures);
        }
        List<String> errors = cc.errors(program.text.toString());
        java.util.Set<Integer> rejectedByCompiler = new java.util.HashSet<>();
        for (String error : errors) {
            program.rejectedSet(error).ifPresent(rejectedByCompiler::add);
            if (program.rejectedSet(error)
                    .filter(program.rejectedByCdef::contains)
                    .isEmpty()) {
                failures.add(program.explain(error, sets));
            }
        }
        for (int set : program.rejectedByCdef) {
            if (!rejectedByCompiler.contains(set)
                    && !program.cdefErrors.get(set).contains(UNDEFINED_SHIFT)) {
                failures.add(program.cdefErrors.get(set));
            }
        }
        report(name, program, failures.size());
        if (!failures.isEmpty()) {
            Path all = Path.of("target", "platform-oracle-" + name + ".txt");
            if (Files.isDirectory(all.getParent())) {
                Files.writeString(all, String.join("\n", failures));
            }
            fail(failures.size() + " of " + program.checked + " answers of cdef for " + name + " disagree with "
                    + String.join(" ", cc.command()) + " (seed " + SEED + "); the first ones:\n\n"
                    + String.join("\n", failures.subList(0, Math.min(SHOWN, failures.size()))));
        }
    }

    private static void report(String name, Program program, int errors) throws IOException {
        String line = String.format(
                "%-16s %d declaration sets, %d values checked by the compiler (%d primitive), %d bitfield"
                        + " positions not observable, %d disagreements%n",
                name, SETS, program.checked, program.primitives, program.unobservable, errors);
        System.out.print(line);
        Path out = Path.of("target", "platform-oracle.txt");
        if (Files.isDirectory(out.getParent())) {
            Files.writeString(out, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }

    /** The C file: each set followed by one _Static_assert per answer of cdef. */
    private static final class Program {
        final StringBuilder text = new StringBuilder(PROLOGUE);
        // The first line of each set's text, by set index, to name the set a compiler error is in.
        final TreeMap<Integer, Integer> setByLine = new TreeMap<>();
        final List<String> asserted = new ArrayList<>();
        final java.util.Set<Integer> rejectedByCdef = new java.util.TreeSet<>();
        final java.util.Map<Integer, String> cdefErrors = new java.util.HashMap<>();
        int checked;
        int primitives;
        int unobservable;

        void primitive(FFI ffi, String type) {
            check("p " + primitives++, "sizeof(" + type + ") == " + ffi.sizeof(type), type);
            check("p " + primitives++, "_Alignof(" + type + ") == " + ffi.alignof(type), type);
        }

        void set(GeneratedSet set, FFI ffi, List<String> failures) {
            setByLine.put(lines(), set.index());
            text.append("/* set ")
                    .append(set.index())
                    .append(" */\n")
                    .append(set.text())
                    .append("#pragma pack()\n");
            try {
                ffi.cdef(set.text());
            } catch (RuntimeException e) {
                // Right only if the compiler rejects the set too: the generator reckons its sizes as
                // x86-64 Linux does, so a set can be invalid C elsewhere (a negative array size).
                rejectedByCdef.add(set.index());
                cdefErrors.put(
                        set.index(),
                        "set " + set.index() + ": cdef threw " + e + ", the compiler accepts the set\n" + set.text());
                return;
            }
            for (int q = 0; q < set.queries().size(); q++) {
                Query query = set.queries().get(q);
                if (query.kind().equals("BITS")) {
                    unobservable++;
                    continue;
                }
                String answer = GccOracleTest.answer(ffi, query);
                if (answer.startsWith("threw")) {
                    failures.add("set " + set.index() + ": " + query + ": cdef " + answer + "\n" + set.text());
                    continue;
                }
                check(set.index() + " " + q, condition(query, Long.parseLong(answer)), query.toString());
            }
        }

        private void check(String key, String condition, String what) {
            text.append("_Static_assert(")
                    .append(condition)
                    .append(", \"k:")
                    .append(key)
                    .append("\");\n");
            asserted.add(key + "\t" + what + "\t" + condition);
            checked++;
        }

        private static String condition(Query q, long value) {
            String v = value == Long.MIN_VALUE ? "(-9223372036854775807LL - 1)" : "(" + value + "LL)";
            return switch (q.kind()) {
                case "SIZE" -> "sizeof(" + q.type() + ") == " + v;
                case "ALIGN" -> "_Alignof(" + q.type() + ") == " + v;
                case "OFFSET" -> "offsetof(" + q.type() + ", " + q.cPath() + ") == " + v;
                case "CONST" -> "(" + q.type() + ") == (__typeof__(" + q.type() + ")) " + v;
                case "SIGNED" -> "((" + q.type() + ") -1 < 0) == " + v;
                default -> throw new IllegalArgumentException(q.kind());
            };
        }

        private int lines() {
            return (int) text.chars().filter(c -> c == '\n').count() + 1;
        }

        // The set whose text (not one of the assertions) a compiler error is in.
        java.util.Optional<Integer> rejectedSet(String error) {
            Matcher line = LINE.matcher(error);
            if (KEY.matcher(error).find() || !line.find()) {
                return java.util.Optional.empty();
            }
            var entry = setByLine.floorEntry(Integer.parseInt(line.group(1)));
            return entry == null ? java.util.Optional.empty() : java.util.Optional.of(entry.getValue());
        }

        // What a compiler error says about which answer or which set is wrong.
        String explain(String error, List<GeneratedSet> sets) {
            Matcher k = KEY.matcher(error);
            if (k.find()) {
                String key = k.group(1) + " " + k.group(2);
                String row = asserted.stream()
                        .filter(a -> a.startsWith(key + "\t"))
                        .findFirst()
                        .orElse(key);
                String[] cells = row.split("\t");
                String where = k.group(1).equals("p")
                        ? ""
                        : "\n" + sets.get(Integer.parseInt(k.group(1))).text();
                return "set " + k.group(1) + ": " + cells[1] + ": the compiler rejects cdef's answer '" + cells[2] + "'"
                        + where;
            }
            Matcher line = LINE.matcher(error);
            if (line.find() && setByLine.floorEntry(Integer.parseInt(line.group(1))) != null) {
                int set = setByLine.floorEntry(Integer.parseInt(line.group(1))).getValue();
                return "set " + set + ": the compiler rejects the set: " + error + "\n"
                        + sets.get(set).text();
            }
            return "the compiler: " + error;
        }
    }
}

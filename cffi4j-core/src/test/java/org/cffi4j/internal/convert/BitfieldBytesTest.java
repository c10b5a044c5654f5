package org.cffi4j.internal.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cffi4j.FFI;
import org.cffi4j.Platform;
import org.cffi4j.ctype.Field;
import org.cffi4j.ctype.StructType;
import org.cffi4j.internal.platform.Abi;
import org.cffi4j.testing.CrossCompiler;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Where each platform keeps a bitfield's bits, judged by its compiler without running anything:
 * random structs of bitfields get random values in a constant initializer, the compiler writes the
 * initialised bytes into its assembly, and cdef's layout with {@link Bitfields#store} must write
 * the same bytes. This checks the bit position of every bitfield (which no constant expression can
 * observe) on every platform, and the big-endian order of s390x: its bits count from the most
 * significant end.
 */
class BitfieldBytesTest {
    private static final int STRUCTS = 150;
    private static final String[] TYPES = {"unsigned char", "unsigned short", "unsigned int", "unsigned long long"};
    private static final Pattern LABEL = Pattern.compile("^_?(bf\\d+):");
    private static final Pattern DATA = Pattern.compile(
            "^\\s*\\.(byte|short|half|hword|2byte|value|long|word|4byte|quad|8byte|xword|dword|zero|space|skip)\\s+(-?\\w+)");

    static List<String> platforms() {
        return Platform.names();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("platforms")
    void cdefPutsEachBitWhereTheCompilerDoes(String name) {
        CrossCompiler cc = CrossCompiler.of(name);
        assumeTrue(
                cc.isInstalled(),
                name + " skipped: its compiler " + String.join(" ", cc.command()) + " is not installed (Debian package "
                        + cc.debianPackage() + ")");
        SplittableRandom rnd = new SplittableRandom(name.hashCode());
        StringBuilder c = new StringBuilder();
        List<String> decls = new ArrayList<>();
        List<long[]> values = new ArrayList<>();
        for (int s = 0; s < STRUCTS; s++) {
            int n = 1 + rnd.nextInt(6);
            StringBuilder decl = new StringBuilder("struct bs" + s + " {");
            StringBuilder init = new StringBuilder();
            long[] v = new long[n];
            for (int f = 0; f < n; f++) {
                int t = rnd.nextInt(TYPES.length);
                int bits = (1 << t) * 8;
                int width = 1 + rnd.nextInt(bits);
                v[f] = width == 64 ? rnd.nextLong() : rnd.nextLong() & ((1L << width) - 1);
                decl.append(' ')
                        .append(TYPES[t])
                        .append(" f")
                        .append(f)
                        .append(" : ")
                        .append(width)
                        .append(';');
                init.append(f == 0 ? "" : ", ")
                        .append(Long.toUnsignedString(v[f]))
                        .append("ULL");
            }
            decl.append(" };");
            decls.add(decl.toString());
            values.add(v);
            c.append(decl)
                    .append("\nstruct bs")
                    .append(s)
                    .append(" bf")
                    .append(s)
                    .append(" = { ")
                    .append(init)
                    .append(" };\n");
        }
        java.util.Map<Integer, byte[]> compiled = initialisedBytes(
                cc.assembly(c.toString()),
                Abi.named(name).byteOrder(),
                name.startsWith("x86_64") || name.startsWith("i386") || name.startsWith("s390x"));
        int checked = 0;
        for (int s = 0; s < STRUCTS; s++) {
            FFI ffi = new FFI(Platform.named(name));
            ffi.cdef(decls.get(s));
            StructType t = (StructType) ffi.typeOf("struct bs" + s);
            MemorySegment m = MemorySegment.ofArray(new byte[(int) t.byteSize()]);
            for (int f = 0; f < values.get(s).length; f++) {
                Field field = t.field("f" + f).orElseThrow();
                Bitfields.store(field, m, 0, values.get(s)[f], Abi.named(name).byteOrder());
                checked++;
            }
            assertEquals(
                    HexFormat.of().formatHex(compiled.getOrDefault(s, new byte[(int) t.byteSize()])),
                    HexFormat.of().formatHex(m.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE)),
                    decls.get(s));
        }
        System.out.println(name + ": " + STRUCTS + " structs, " + checked + " bitfields placed as the compiler does");
    }

    // The bytes of each bf<N> object in the assembly, by N: the data directives after its label. An
    // all-zero object may have no label (it goes to .bss or .zerofill): it is absent.
    private static java.util.Map<Integer, byte[]> initialisedBytes(String asm, ByteOrder order, boolean shortWord) {
        java.util.Map<Integer, java.io.ByteArrayOutputStream> objects = new java.util.HashMap<>();
        java.io.ByteArrayOutputStream current = null;
        for (String line : asm.split("\n")) {
            Matcher label = LABEL.matcher(line);
            Matcher d = DATA.matcher(line);
            if (label.find()) {
                current = new java.io.ByteArrayOutputStream();
                objects.put(Integer.parseInt(label.group(1).substring(2)), current);
            } else if (current != null && d.find()) {
                emit(current, d.group(1), d.group(2), order, shortWord);
            } else {
                current = null;
            }
        }
        java.util.Map<Integer, byte[]> bytes = new java.util.HashMap<>();
        objects.forEach((n, b) -> bytes.put(n, b.toByteArray()));
        return bytes;
    }

    // The x86 and s390x assemblers' .word is 2 bytes, the others' 4.
    private static void emit(
            java.io.ByteArrayOutputStream to, String directive, String value, ByteOrder order, boolean shortWord) {
        int size = switch (directive) {
            case "byte" -> 1;
            case "short", "half", "hword", "2byte", "value" -> 2;
            case "word" -> shortWord ? 2 : 4;
            case "long", "4byte" -> 4;
            case "quad", "8byte", "xword", "dword" -> 8;
            default -> 0;
        };
        long v = value.startsWith("0x")
                ? Long.parseUnsignedLong(value.substring(2), 16)
                : new java.math.BigInteger(value).longValue();
        if (size == 0) {
            to.writeBytes(new byte[(int) v]);
            return;
        }
        for (int i = 0; i < size; i++) {
            int shift = order == ByteOrder.BIG_ENDIAN ? (size - 1 - i) * 8 : i * 8;
            to.write((int) (v >>> shift));
        }
    }
}

package org.cffi4j.examples;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.cffi4j.FFI;
import org.cffi4j.FFIException;
import org.cffi4j.ctype.CType;
import org.cffi4j.ctype.Field;
import org.cffi4j.ctype.StructType;

/**
 * Real system headers through cdef: preprocesses each with {@code cc -E}, gives the text as-is to
 * one {@code ffi.cdef} call, and prints the layout of their main structs (sizeof, alignof, the
 * offset of every field), each checked against what the C compiler says. The {@link Demo} ends with
 * its {@link #summary()}; {@code ./build demo --layouts} prints it all.
 */
public final class HeaderLayouts {

    /** A header, the Debian package that provides it, and the types whose layout to show. */
    private record Header(String name, String debianPackage, List<String> types) {}

    /** A type to show: its name, the header that declares it and what cffi4j made of it. */
    private record Shown(Header header, String typeName, StructType type) {}

    private static final List<Header> HEADERS = List.of(
            new Header("stdio.h", "libc6-dev", List.of("FILE")),
            new Header("stdlib.h", "libc6-dev", List.of()),
            new Header("string.h", "libc6-dev", List.of()),
            new Header("math.h", "libc6-dev", List.of()),
            new Header("time.h", "libc6-dev", List.of("struct tm", "struct timespec")),
            new Header("signal.h", "libc6-dev", List.of("struct sigaction")),
            new Header("pthread.h", "libc6-dev", List.of("pthread_mutex_t")),
            new Header("sys/socket.h", "libc6-dev", List.of()),
            new Header("sys/stat.h", "libc6-dev", List.of("struct stat")),
            new Header("netinet/in.h", "libc6-dev", List.of("struct sockaddr_in", "struct sockaddr_in6")),
            new Header("dirent.h", "libc6-dev", List.of("struct dirent")),
            new Header("zlib.h", "zlib1g-dev", List.of("z_stream")),
            new Header("sqlite3.h", "libsqlite3-dev", List.of("sqlite3_vfs")),
            new Header("png.h", "libpng-dev", List.of("png_color")),
            new Header("ffi.h", "libffi-dev", List.of("ffi_cif")),
            new Header("openssl/evp.h", "libssl-dev", List.of()),
            new Header("openssl/ssl.h", "libssl-dev", List.of()),
            new Header("curl/curl.h", "libcurl4-openssl-dev", List.of("struct curl_blob")));

    private static final int LINE_WIDTH = 100;

    private HeaderLayouts() {}

    /** Prints every header's numbers and every layout; exits with 1 if a header or a layout failed. */
    public static void main(String[] args) {
        System.exit(report(true) == 0 ? 0 : 1);
    }

    /**
     * Prints a few lines: how many headers were parsed, how much C and how many types they hold,
     * and whether the layouts of their main structs agree with the C compiler.
     *
     * @return the number of failures (a header that did not parse, a layout that differs)
     */
    public static int summary() {
        return report(false);
    }

    private static int report(boolean detailed) {
        String cc = compiler();
        System.out.println("Real system headers, preprocessed with '" + cc
                + " -E', each given as-is to one ffi.cdef call" + (detailed ? "" : ":"));
        if (detailed) {
            System.out.println();
            System.out.printf("%-15s %9s %7s %9s%n", "header", "cc -E kB", "types", "cdef ms");
        }

        List<Shown> shown = new ArrayList<>();
        Set<String> parsedHeaders = new LinkedHashSet<>();
        List<String> missing = new ArrayList<>();
        long totalKb = 0;
        long totalTypes = 0;
        double totalMillis = 0;
        int failures = 0;
        for (Header header : HEADERS) {
            String text;
            try {
                text = preprocess(cc, "#include <" + header.name() + ">\n");
            } catch (IllegalStateException e) {
                missing.add(header.name() + " (apt-get install " + header.debianPackage() + ")");
                continue;
            }
            FFI ffi = new FFI();
            long start = System.nanoTime();
            try {
                ffi.cdef(text);
            } catch (FFIException e) {
                failures++;
                System.out.printf(
                        "%-15s FAILED: %s%n",
                        header.name(), e.getMessage().lines().findFirst().orElse(""));
                continue;
            }
            double millis = (System.nanoTime() - start) / 1e6;
            if (detailed) {
                System.out.printf(
                        "%-15s %9d %7d %9.1f%n",
                        header.name(), text.length() / 1024, ffi.listTypes().size(), millis);
            }
            totalKb += text.length() / 1024;
            totalTypes += ffi.listTypes().size();
            totalMillis += millis;
            parsedHeaders.add(header.name());
            for (String typeName : header.types()) {
                StructType type = struct(ffi, typeName, header);
                if (type == null) {
                    failures++;
                } else {
                    shown.add(new Shown(header, typeName, type));
                }
            }
        }
        if (detailed) {
            missing.forEach(m -> System.out.println(m.replace(" (", " not installed (")));
            System.out.println("(cdef ms: the first call in a fresh JVM, before the JIT compiler warms up)");
        } else {
            System.out.printf(
                    "  %d headers, %,d kB of C, %,d types, %.0f ms of cdef in a cold JVM:%n",
                    parsedHeaders.size(), totalKb, totalTypes, totalMillis);
            printWrapped(List.copyOf(parsedHeaders));
            if (!missing.isEmpty()) {
                System.out.println("  not installed:");
                printWrapped(missing);
            }
        }

        List<Long> compilerFacts = compilerFacts(cc, parsedHeaders, shown);
        int next = 0;
        List<String> differing = new ArrayList<>();
        for (Shown s : shown) {
            List<Long> ours = facts(s.type());
            String verdict;
            if (compilerFacts == null) {
                verdict = "(compiler check skipped)";
            } else {
                List<Long> theirs = compilerFacts.subList(next, next + ours.size());
                next += ours.size();
                verdict = ours.equals(theirs) ? "same as " + cc : "DIFFERS from " + cc + ": " + theirs;
                if (!ours.equals(theirs)) {
                    failures++;
                    differing.add(s.typeName());
                }
            }
            if (detailed) {
                System.out.println();
                printLayout(s, verdict);
            }
        }
        if (detailed) {
            System.out.println();
            System.out.println(failures == 0 ? "All layouts agree with the C compiler." : failures + " failure(s).");
        } else if (compilerFacts != null) {
            System.out.println("  sizeof, alignof and member offsets of " + shown.size() + " of their structs "
                    + (differing.isEmpty() ? "agree with " + cc : "DIFFER from " + cc + ": " + differing) + ":");
            printWrapped(shown.stream().map(Shown::typeName).toList());
            System.out.println("  (./build demo --layouts prints them)");
        }
        return failures;
    }

    /** Prints items indented and separated by commas, as many to a line as fit. */
    private static void printWrapped(List<String> items) {
        StringBuilder line = new StringBuilder("   ");
        for (int i = 0; i < items.size(); i++) {
            String item = items.get(i) + (i + 1 < items.size() ? "," : "");
            if (line.length() + 1 + item.length() > LINE_WIDTH) {
                System.out.println(line);
                line.setLength(3);
            }
            line.append(' ').append(item);
        }
        System.out.println(line);
    }

    /** Prints one type: a title line, then its fields as "offset name" cells in columns. */
    private static void printLayout(Shown s, String verdict) {
        StructType type = s.type();
        String title = s.typeName().equals(type.toString()) ? s.typeName() : s.typeName() + " = " + type;
        System.out.printf(
                "%s (%s)  sizeof %d  alignof %d  %s%n",
                title, s.header().name(), type.byteSize(), type.byteAlignment(), verdict);
        List<Field> fields = type.fields();
        int offsetWidth =
                fields.stream().mapToInt(f -> offset(f).length()).max().orElse(1);
        List<String> cells = fields.stream()
                .map(f -> " ".repeat(offsetWidth - offset(f).length()) + offset(f) + " " + label(f))
                .toList();
        int cellWidth = cells.stream().mapToInt(String::length).max().orElse(0) + 2;
        int perLine = Math.max(1, (LINE_WIDTH - 2) / cellWidth);
        StringBuilder line = new StringBuilder("  ");
        for (int i = 0; i < cells.size(); i++) {
            line.append(cells.get(i));
            boolean endOfLine = (i + 1) % perLine == 0 || i + 1 == cells.size();
            if (endOfLine) {
                System.out.println(line.toString().stripTrailing());
                line.setLength(2);
            } else {
                line.append(" ".repeat(cellWidth - cells.get(i).length()));
            }
        }
    }

    /** A field's offset: bytes, and for a bitfield "byte.bit". */
    private static String offset(Field f) {
        return f.isBitfield() ? f.byteOffset() + "." + f.bitOffset() : Long.toString(f.byteOffset());
    }

    /** A field's name, ":width" for a bitfield, "(anonymous ...)" for an unnamed member. */
    private static String label(Field f) {
        String name = f.name() != null ? f.name() : "(anonymous " + f.type() + ")";
        return f.isBitfield() ? name + ":" + f.bitWidth() : name;
    }

    /** The struct or union type named {@code typeName}, or {@code null} (and a note) if it is not one. */
    private static StructType struct(FFI ffi, String typeName, Header header) {
        try {
            CType type = ffi.typeOf(typeName);
            if (type instanceof StructType struct && struct.isComplete()) {
                return struct;
            }
            System.out.println(typeName + " (" + header.name() + ") is not a complete struct or union: " + type);
        } catch (FFIException e) {
            System.out.println(typeName + " (" + header.name() + "): " + e.getMessage());
        }
        return null;
    }

    /** What cffi4j says: sizeof, alignof, then the offset of each named non-bitfield field. */
    private static List<Long> facts(StructType struct) {
        List<Long> facts = new ArrayList<>(List.of(struct.byteSize(), struct.byteAlignment()));
        for (Field f : struct.fields()) {
            if (f.name() != null && !f.isBitfield()) {
                facts.add(f.byteOffset());
            }
        }
        return facts;
    }

    /**
     * What the C compiler says about the same facts as {@link #facts}, in the same order; {@code
     * null} (and a note) if the probe cannot be compiled and run.
     */
    private static List<Long> compilerFacts(String cc, Set<String> headers, List<Shown> shown) {
        StringBuilder c = new StringBuilder();
        headers.forEach(h -> c.append("#include <").append(h).append(">\n"));
        c.append("#include <stddef.h>\n#include <stdio.h>\n#define P(x) printf(\"%zu\\n\", (size_t) (x))\n");
        c.append("int main(void) {\n");
        for (Shown s : shown) {
            StructType struct = s.type();
            String t = s.typeName();
            c.append("  P(sizeof(")
                    .append(t)
                    .append(")); P(_Alignof(")
                    .append(t)
                    .append("));\n");
            for (Field f : struct.fields()) {
                if (f.name() != null && !f.isBitfield()) {
                    c.append("  P(offsetof(")
                            .append(t)
                            .append(", ")
                            .append(f.name())
                            .append("));\n");
                }
            }
        }
        c.append("  return 0;\n}\n");
        try {
            Path dir = Files.createTempDirectory("cffi4j-demo");
            try {
                Path src = Files.writeString(dir.resolve("probe.c"), c, StandardCharsets.UTF_8);
                Path exe = dir.resolve("probe");
                run(List.of(cc, "-w", "-o", exe.toString(), src.toString()), "");
                return run(List.of(exe.toString()), "")
                        .lines()
                        .map(Long::parseLong)
                        .toList();
            } finally {
                try (var files = Files.list(dir)) {
                    for (Path p : files.toList()) {
                        Files.delete(p);
                    }
                }
                Files.delete(dir);
            }
        } catch (IOException | IllegalStateException e) {
            System.out.println("(could not compile the layout probe with " + cc + ": " + e.getMessage() + ")");
            return null;
        }
    }

    /** The C compiler: {@code $CC}, else {@code cc}. */
    private static String compiler() {
        String cc = System.getenv("CC");
        return cc == null || cc.isBlank() ? "cc" : cc;
    }

    /** {@code cc -E} of a C text: what cdef accepts as-is. */
    private static String preprocess(String cc, String source) {
        return run(List.of(cc, "-E", "-x", "c", "-"), source);
    }

    /** Runs a command with {@code stdin} as input; returns its stdout, or throws with its stderr. */
    private static String run(List<String> command, String stdin) {
        try {
            Process p = new ProcessBuilder(command).start();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread errReader = Thread.ofVirtual().start(() -> drain(p.getErrorStream(), err));
            try (var in = p.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + String.join(" ", command));
            }
            errReader.join();
            if (p.exitValue() != 0) {
                String message =
                        err.toString(StandardCharsets.UTF_8).lines().findFirst().orElse("");
                throw new IllegalStateException(command.getFirst() + " failed: " + message);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void drain(InputStream in, ByteArrayOutputStream to) {
        try {
            in.transferTo(to);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

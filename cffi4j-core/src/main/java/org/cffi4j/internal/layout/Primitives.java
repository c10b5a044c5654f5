package org.cffi4j.internal.layout;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.cffi4j.ctype.PrimitiveType;

/**
 * The primitive types of one platform ABI, by canonical C name. The facts (sizes, alignments,
 * signedness of {@code char} and {@code wchar_t}...) are data: one resource file per ABI, named
 * after it ({@code x86_64-sysv.abi}), so another platform is a new table, not new code.
 */
public final class Primitives {
    private static final Primitives CURRENT = load(currentAbiName());

    private final String abiName;
    private final Map<String, PrimitiveType> byName;

    private Primitives(String abiName, Map<String, PrimitiveType> byName) {
        this.abiName = abiName;
        this.byName = byName;
    }

    /** The primitives of the platform this JVM runs on. */
    public static Primitives current() {
        return CURRENT;
    }

    /** The ABI's name, e.g. {@code x86_64-sysv}. */
    public String abiName() {
        return abiName;
    }

    /** The primitive type with this canonical name ({@code unsigned long}, {@code size_t}...). */
    public Optional<PrimitiveType> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The primitive type with this canonical name, which must exist in every ABI table. */
    public PrimitiveType get(String name) {
        PrimitiveType t = byName.get(name);
        if (t == null) {
            throw new IllegalStateException("ABI table " + abiName + " lacks '" + name + "'");
        }
        return t;
    }

    /** All primitive types, in table order. */
    public Map<String, PrimitiveType> all() {
        return byName;
    }

    /** Loads the table of an ABI from its resource file. */
    static Primitives load(String abiName) {
        String resource = abiName + ".abi";
        try (InputStream in = Primitives.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no ABI table for " + abiName);
            }
            Map<String, PrimitiveType> map = new LinkedHashMap<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                parseRow(line, map);
            }
            return new Primitives(abiName, Map.copyOf(map));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // A row: name | kind | signed|unsigned | size | alignment. '#' starts a comment.
    private static void parseRow(String line, Map<String, PrimitiveType> map) {
        String row = line.strip();
        if (row.isEmpty() || row.startsWith("#")) {
            return;
        }
        String[] cells = row.split("\\|");
        String name = cells[0].strip();
        PrimitiveType.Kind kind = PrimitiveType.Kind.valueOf(cells[1].strip());
        boolean signed = cells[2].strip().equals("signed");
        long size = Long.parseLong(cells[3].strip());
        long align = Long.parseLong(cells[4].strip());
        map.put(name, new PrimitiveType(name, kind, signed, size, align));
    }

    private static String currentAbiName() {
        String arch = System.getProperty("os.arch", "");
        return switch (arch) {
            case "aarch64", "arm64" -> "aarch64-aapcs";
            default -> "x86_64-sysv";
        };
    }
}

package org.cffi4j.internal.platform;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cffi4j.ctype.PrimitiveType;

/**
 * Reads an ABI's resource table: {@code key = value} rows for the platform facts, {@code name |
 * kind | signed|unsigned | size | alignment} rows for the primitive types; {@code #} starts a
 * comment. A table is part of cffi4j, so a malformed one is a bug of cffi4j, reported as such.
 */
final class AbiTable {
    private final String abiName;
    private final Map<String, String> facts = new HashMap<>();
    private final Map<String, PrimitiveType> primitives = new LinkedHashMap<>();

    private AbiTable(String abiName) {
        this.abiName = abiName;
    }

    /** The ABI described by the resource {@code abiName + ".abi"}. */
    static Abi load(String abiName) {
        AbiTable table = new AbiTable(abiName);
        try (InputStream in = AbiTable.class.getResourceAsStream(abiName + ".abi")) {
            if (in == null) {
                throw new IllegalStateException("no ABI table for " + abiName);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                table.parseRow(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return table.abi();
    }

    private Abi abi() {
        return new Abi(
                abiName,
                Abi.Os.valueOf(fact("os").toUpperCase(java.util.Locale.ROOT)),
                fact("byte order").equals("big") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN,
                number("pointer size"),
                number("biggest alignment"),
                number("malloc alignment"),
                number("vector alignment cap"),
                Abi.VaList.valueOf(fact("va_list").toUpperCase(java.util.Locale.ROOT)),
                bitfields(),
                fact("unnamed bitfields align").equals("yes"),
                fact("enums").equals("int"),
                facts.getOrDefault("ldconfig arch", ""),
                List.of(facts.getOrDefault("library directories", "").split("\\s+")).stream()
                        .filter(d -> !d.isEmpty())
                        .toList(),
                Map.copyOf(primitives));
    }

    private void parseRow(String line) {
        String row = line.strip();
        if (row.isEmpty() || row.startsWith("#")) {
            return;
        }
        if (row.contains("=")) {
            int eq = row.indexOf('=');
            facts.put(row.substring(0, eq).strip(), row.substring(eq + 1).strip());
            return;
        }
        String[] cells = row.split("\\|");
        String name = cells[0].strip();
        PrimitiveType.Kind kind = PrimitiveType.Kind.valueOf(cells[1].strip());
        boolean signed = cells[2].strip().equals("signed");
        long size = Long.parseLong(cells[3].strip());
        long align = Long.parseLong(cells[4].strip());
        primitives.put(name, new PrimitiveType(name, kind, signed, size, align));
    }

    private String fact(String key) {
        String value = facts.get(key);
        if (value == null) {
            throw new IllegalStateException("ABI table " + abiName + " lacks '" + key + "'");
        }
        return value;
    }

    private long number(String key) {
        return Long.parseLong(fact(key));
    }

    private Abi.BitfieldRules bitfields() {
        String rules = fact("bitfields");
        return switch (rules) {
            case "pcc" -> Abi.BitfieldRules.PCC;
            case "pcc-clang" -> Abi.BitfieldRules.PCC_CLANG;
            case "msvc" -> Abi.BitfieldRules.MSVC;
            default ->
                throw new IllegalStateException(
                        "ABI table " + abiName + ": bitfield rules '" + rules + "' are not implemented (pcc, msvc)");
        };
    }
}

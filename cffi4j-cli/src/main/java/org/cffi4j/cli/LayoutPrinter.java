package org.cffi4j.cli;

import java.util.ArrayList;
import java.util.List;
import org.cffi4j.ctype.CPrinter;
import org.cffi4j.ctype.CType;
import org.cffi4j.ctype.Field;
import org.cffi4j.ctype.StructType;

/**
 * A struct or union printed as pahole prints one: its members as C declarations, each with its
 * offset and size in a comment, the holes between them, and a summary line. Offsets count from the
 * start of the outermost type; a bitfield's offset is {@code byte.bit} (bit 0 the least significant)
 * and its size {@code :width} in bits. Anonymous struct and union members are printed as nested
 * blocks.
 */
final class LayoutPrinter {
    private static final String INDENT = "    ";

    /** One line: a declaration with its offset and size, or (with both null) a comment or brace. */
    private record Row(int depth, String text, String offset, String size) {}

    private final List<Row> rows = new ArrayList<>();
    private long holes;
    private long holeBits;

    private LayoutPrinter() {}

    /**
     * The layout of {@code type}, named {@code typeName} on the command line.
     *
     * @param typeName the name given, e.g. {@code z_stream}
     * @param type the complete struct or union it names
     * @return the text, one line per member, ending with a newline
     */
    static String print(String typeName, StructType type) {
        LayoutPrinter p = new LayoutPrinter();
        String head = type.tag() == null ? type.kind().keyword() : type.kind().keyword() + " " + type.tag();
        if (!typeName.equals(head)) {
            p.rows.add(new Row(0, "/* " + typeName + " */", null, null));
        }
        p.rows.add(new Row(0, head + " {", "offset", "size"));
        long end = p.members(type, 0, 1);
        p.rows.add(new Row(1, "", null, null));
        p.rows.add(new Row(1, p.summary(type, end), null, null));
        p.rows.add(new Row(0, "};", null, null));
        return p.render();
    }

    /**
     * Adds the rows of {@code type}'s members, {@code base} bits from the start of the outermost
     * type; returns the bit just past the last member.
     */
    private long members(StructType type, long base, int depth) {
        boolean union = type.kind() == StructType.Kind.UNION;
        long end = base;
        for (Field f : type.fields()) {
            long start = base + f.bitPosition();
            if (!union && start > end) {
                hole(depth, start - end);
            }
            long bits = f.isBitfield() ? f.bitWidth() : size(f.type()) * 8;
            if (f.isAnonymousMember()) {
                StructType inner = (StructType) f.type();
                rows.add(new Row(depth, inner.kind().keyword() + " {", null, null));
                long innerEnd = members(inner, start, depth + 1);
                padding(depth + 1, start + bits - innerEnd);
                rows.add(new Row(depth, "};", offset(start), Long.toString(bits / 8)));
            } else {
                rows.add(member(depth, f, start));
            }
            end = Math.max(end, start + bits);
        }
        return end;
    }

    private static Row member(int depth, Field f, long start) {
        String name = f.name() == null ? "" : f.name();
        if (f.isBitfield()) {
            String declaration = CPrinter.abbreviated(f.type(), name) + " : " + f.bitWidth() + ";";
            return new Row(depth, declaration, (start / 8) + "." + (start % 8), ":" + f.bitWidth());
        }
        return new Row(depth, CPrinter.abbreviated(f.type(), name) + ";", offset(start), Long.toString(size(f.type())));
    }

    private void hole(int depth, long bits) {
        holes++;
        holeBits += bits;
        rows.add(new Row(depth, "/* XXX " + amount(bits) + " hole */", null, null));
    }

    private void padding(int depth, long bits) {
        if (bits > 0) {
            rows.add(new Row(depth, "/* XXX " + amount(bits) + " padding */", null, null));
        }
    }

    private String summary(StructType type, long end) {
        return "/* size: " + type.byteSize() + ", alignment: " + type.byteAlignment() + ", members: "
                + type.fields().size() + ", holes: " + holes + ", sum holes: " + amount(holeBits)
                + ", padding: " + amount(type.byteSize() * 8 - end) + " */";
    }

    /** An amount of bits as C programmers say it: in bytes when whole bytes. */
    private static String amount(long bits) {
        if (bits % 8 != 0) {
            return bits + (bits == 1 ? " bit" : " bits");
        }
        return bits / 8 + (bits == 8 ? " byte" : " bytes");
    }

    private static String offset(long bits) {
        return Long.toString(bits / 8);
    }

    /** The size of a member's type; 0 for a flexible array member. */
    private static long size(CType type) {
        return type.isComplete() ? type.byteSize() : 0;
    }

    /** The rows, the offset and size comments aligned in two columns. */
    private String render() {
        int textWidth = 0;
        int offsetWidth = 0;
        int sizeWidth = 0;
        for (Row r : rows) {
            if (r.offset() != null) {
                textWidth = Math.max(
                        textWidth, r.depth() * INDENT.length() + r.text().length());
                offsetWidth = Math.max(offsetWidth, r.offset().length());
                sizeWidth = Math.max(sizeWidth, r.size().length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (Row r : rows) {
            String line = INDENT.repeat(r.depth()) + r.text();
            if (r.offset() != null) {
                line = String.format(
                        "%-" + (textWidth + 2) + "s/* %" + offsetWidth + "s  %" + sizeWidth + "s */",
                        line,
                        r.offset(),
                        r.size());
            }
            out.append(line.stripTrailing()).append(System.lineSeparator());
        }
        return out.toString();
    }
}

package org.cffi4j.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code cffi4j layout} printed, read back: its members (nested ones included) with the offset
 * and size it gave each, the holes it reported before them, and its summary line.
 */
record PrintedLayout(boolean union, List<Member> members, long size, long alignment, long padding) {
    /** A member line: depth 1 for the outermost type's own members; its hole is the one printed just before it. */
    record Member(int depth, String name, String declaration, String offset, String size, long holeBefore) {
        boolean isBitfield() {
            return size.startsWith(":");
        }
    }

    private static final Pattern HEAD = Pattern.compile("^(struct|union)\\b.*\\{\\s+/\\* offset +size \\*/$");
    private static final Pattern MEMBER = Pattern.compile("^( *)(.*);\\s+/\\* +(\\S+) +(\\S+) \\*/$");
    private static final Pattern HOLE = Pattern.compile("^ */\\* XXX (\\d+) (byte|bytes|bit|bits) hole \\*/$");
    private static final Pattern SUMMARY = Pattern.compile(
            "^ */\\* size: (\\d+), alignment: (\\d+), members: \\d+, holes: \\d+, sum holes: .*, padding: (\\d+) (bytes?|bits?) \\*/$");
    private static final Pattern POINTER_DECLARATOR = Pattern.compile("\\(\\*+(?:const )?(\\w+)\\)");
    private static final Pattern UNNAMED_BITFIELD_TYPE =
            Pattern.compile("(?:^| )(?:int|char|short|long|signed|unsigned|_Bool)$");
    private static final Pattern LAST_NAME = Pattern.compile("(\\w+)(\\[\\d*\\])*$");

    static PrintedLayout parse(String text) {
        List<Member> members = new ArrayList<>();
        long hole = 0;
        Matcher summary = null;
        boolean union = false;
        for (String line : text.split("\n")) {
            Matcher m;
            if ((m = HEAD.matcher(line)).matches()) {
                union = m.group(1).equals("union");
            } else if ((m = HOLE.matcher(line)).matches()) {
                hole = bits(Long.parseLong(m.group(1)), m.group(2));
            } else if ((m = SUMMARY.matcher(line)).matches()) {
                summary = m;
            } else if ((m = MEMBER.matcher(line)).matches() && !m.group(2).equals("}")) {
                String declaration = m.group(2);
                members.add(new Member(
                        m.group(1).length() / 4, name(declaration), declaration, m.group(3), m.group(4), hole));
                hole = 0;
            }
        }
        if (summary == null) {
            throw new AssertionError("no summary line in\n" + text);
        }
        return new PrintedLayout(
                union,
                members,
                Long.parseLong(summary.group(1)),
                Long.parseLong(summary.group(2)),
                bits(Long.parseLong(summary.group(3)), summary.group(4)));
    }

    /** The member's name in its C declaration, null for an unnamed bitfield. */
    private static String name(String declaration) {
        String d = declaration.replaceAll(" : \\d+$", "");
        if (!d.equals(declaration) && UNNAMED_BITFIELD_TYPE.matcher(d).find()) {
            return null; // int : 32
        }
        Matcher pointer = POINTER_DECLARATOR.matcher(d);
        if (pointer.find()) {
            return pointer.group(1);
        }
        Matcher last = LAST_NAME.matcher(d);
        if (!last.find()) {
            throw new AssertionError("no member name in " + declaration);
        }
        return last.group(1);
    }

    private static long bits(long amount, String unit) {
        return unit.startsWith("byte") ? amount * 8 : amount;
    }
}

package org.cffi4j.internal.parse;

import java.math.BigInteger;
import java.util.Locale;
import org.cffi4j.internal.layout.Primitives;

/** Reads C integer, floating, character and string literals. */
final class Literals {
    private static final BigInteger MAX_U64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private Literals() {}

    /**
     * An integer literal with its C type, from its digits and suffix (C11 6.4.4.1). Where {@code long}
     * is 32 bits (ILP32, LLP64) an {@code l} suffix picks the same type as no suffix would (int and
     * long then hold the same values, and so do unsigned int and unsigned long).
     */
    static ConstValue integer(Token t, TokenStream ts, Primitives platform) {
        String text = t.text().toLowerCase(Locale.ROOT).replace("'", "");
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == 'u' || text.charAt(end - 1) == 'l')) {
            end--;
        }
        String suffix = text.substring(end);
        String digits = text.substring(0, end);
        boolean unsignedSuffix = suffix.contains("u");
        boolean longSuffix = suffix.contains("ll")
                || suffix.contains("l") && platform.get("long").size() == 8;
        if (suffix.length() > 3
                || suffix.replace("u", "").length() > 2
                || suffix.chars().filter(c -> c == 'u').count() > 1) {
            throw ts.error(t, "invalid suffix on integer constant " + t.text());
        }
        int radix = 10;
        if (digits.startsWith("0x")) {
            radix = 16;
            digits = digits.substring(2);
        } else if (digits.startsWith("0b")) {
            radix = 2;
            digits = digits.substring(2);
        } else if (digits.length() > 1 && digits.startsWith("0")) {
            radix = 8;
            digits = digits.substring(1);
        }
        BigInteger value;
        try {
            value = new BigInteger(digits, radix);
        } catch (NumberFormatException e) {
            throw ts.error(t, "invalid integer constant " + t.text());
        }
        if (value.compareTo(MAX_U64) > 0) {
            throw ts.error(t, "integer constant " + t.text() + " is too large for any integer type");
        }
        return ConstValue.of(value.longValue(), rankOf(value, radix == 10, unsignedSuffix, longSuffix));
    }

    // The first type of the C11 list that holds the value.
    private static ConstValue.Rank rankOf(BigInteger v, boolean decimal, boolean u, boolean l) {
        boolean fitsInt = v.bitLength() <= 31;
        boolean fitsUint = v.bitLength() <= 32;
        boolean fitsLong = v.bitLength() <= 63;
        if (!l && !u && fitsInt) {
            return ConstValue.Rank.INT;
        }
        if (!l && (u || !decimal) && fitsUint) {
            return ConstValue.Rank.UINT;
        }
        if (!u && fitsLong) {
            return ConstValue.Rank.LONG;
        }
        return ConstValue.Rank.ULONG; // gcc too gives an over-large decimal an unsigned type
    }

    /** A floating literal's value. */
    static double floating(Token t, TokenStream ts) {
        String text = t.text().toLowerCase(Locale.ROOT);
        while (!text.isEmpty() && "flfdq".indexOf(text.charAt(text.length() - 1)) >= 0 && !text.startsWith("0x")) {
            text = text.substring(0, text.length() - 1);
        }
        try {
            if (text.startsWith("0x")) {
                String h = text.replaceAll("[fl]+$", "");
                return Double.parseDouble(h.contains("p") ? h : h + "p0");
            }
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw ts.error(t, "invalid floating constant " + t.text());
        }
    }

    /**
     * A character constant: {@code 'a'} is an int (the value of a plain char, signed or not as on the
     * platform), {@code L'a'} a wchar_t.
     */
    static ConstValue character(Token t, TokenStream ts, Primitives platform) {
        String text = t.text();
        int quote = text.indexOf('\'');
        String prefix = text.substring(0, quote);
        String body = text.substring(quote + 1, text.length() - 1);
        int[] cps = decode(body, t, ts);
        if (cps.length != 1) {
            throw ts.error(t, cps.length == 0 ? "empty character constant" : "multi-character constant " + text);
        }
        long v = cps[0];
        return switch (prefix) {
            case "" ->
                ConstValue.ofInt(
                        body.startsWith("\\") && v < 256 && platform.get("char").signed() ? (byte) v : v);
            case "U" -> ConstValue.of(v, ConstValue.Rank.UINT);
            default -> ConstValue.ofInt(v);
        };
    }

    /** The text of a string literal token, escapes decoded. */
    static String string(Token t, TokenStream ts) {
        String text = t.text();
        int quote = text.indexOf('"');
        int[] cps = decode(text.substring(quote + 1, text.length() - 1), t, ts);
        return new String(cps, 0, cps.length);
    }

    private static int[] decode(String body, Token t, TokenStream ts) {
        int[] out = new int[body.length()];
        int n = 0;
        for (int i = 0; i < body.length(); ) {
            char c = body.charAt(i++);
            if (c != '\\') {
                out[n++] = c;
                continue;
            }
            if (i >= body.length()) {
                throw ts.error(t, "bad escape in " + t.text());
            }
            char e = body.charAt(i++);
            switch (e) {
                case 'n' -> out[n++] = '\n';
                case 't' -> out[n++] = '\t';
                case 'r' -> out[n++] = '\r';
                case 'a' -> out[n++] = 7;
                case 'b' -> out[n++] = '\b';
                case 'f' -> out[n++] = '\f';
                case 'v' -> out[n++] = 11;
                case 'e', 'E' -> out[n++] = 27;
                case 'x' -> {
                    int s = i;
                    while (i < body.length() && Character.digit(body.charAt(i), 16) >= 0) {
                        i++;
                    }
                    out[n++] = parseEscape(body.substring(s, i), 16, t, ts);
                }
                case 'u', 'U' -> {
                    int len = e == 'u' ? 4 : 8;
                    int s = i;
                    i = Math.min(body.length(), i + len);
                    out[n++] = parseEscape(body.substring(s, i), 16, t, ts);
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        int s = i - 1;
                        while (i < body.length() && i - s < 3 && body.charAt(i) >= '0' && body.charAt(i) <= '7') {
                            i++;
                        }
                        out[n++] = parseEscape(body.substring(s, i), 8, t, ts);
                    } else {
                        out[n++] = e; // \\ \' \" \? and unknown escapes stand for themselves
                    }
                }
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    private static int parseEscape(String digits, int radix, Token t, TokenStream ts) {
        if (digits.startsWith("-") || digits.startsWith("+")) { // parseLong would accept a sign, as in "-123"
            throw ts.error(t, "bad escape in " + t.text());
        }
        try {
            long v = Long.parseLong(digits, radix);
            if (v > 0x10FFFF) {
                throw ts.error(t, "escape sequence out of range in " + t.text());
            }
            return (int) v;
        } catch (NumberFormatException e) {
            throw ts.error(t, "bad escape in " + t.text());
        }
    }
}

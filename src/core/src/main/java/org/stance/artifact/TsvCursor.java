package org.stance.artifact;

import java.nio.charset.StandardCharsets;
import org.stance.UserError;

/**
 * Reads the tab-separated text entries of an artifact (vocabularies, word lists) in place, field
 * by field, from the entry's bytes. A model load parses about 130,000 such lines in a JVM that has
 * compiled nothing yet: {@code String.split}, {@code Double.parseDouble} and {@code
 * Float.parseFloat} on every line took 0.4 s of each table's load there. Numbers take an exact fast
 * path ({@link #decimal}); errors name the entry, the line and what was wrong, as before.
 */
final class TsvCursor {

    private static final double[] POWERS_OF_TEN = new double[23]; // 10^0 .. 10^22: exact in a double

    static {
        double p = 1;
        for (int i = 0; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = p;
            p *= 10;
        }
    }

    private final byte[] bytes;
    private final String where; // "FILE: ENTRY"
    private final int fields;
    private int next; // start of the next line
    private int line;
    private int at; // start of the next field on this line
    private int lineEnd;

    /** @param fields the number of tab-separated fields every line must have */
    TsvCursor(byte[] bytes, String name, String entry, int fields) {
        this.bytes = bytes;
        this.where = name + ": " + entry;
        this.fields = fields;
    }

    /** Moves to the next line (a final newline ends the last one); false at the end of the entry. */
    boolean nextLine() {
        if (next >= bytes.length) {
            return false;
        }
        line++;
        int end = next;
        int tabs = 0;
        while (end < bytes.length && bytes[end] != '\n') {
            if (bytes[end] == '\t') {
                tabs++;
            }
            end++;
        }
        if (tabs != fields - 1) {
            throw error("expected " + fields + " tab-separated fields, found " + (tabs + 1));
        }
        at = next;
        lineEnd = end;
        next = end + 1;
        return true;
    }

    /** "FILE: ENTRY", for messages. */
    String where() {
        return where;
    }

    /** Lines read so far. */
    int line() {
        return line;
    }

    /** The next field as text (UTF-8). */
    String text() {
        int end = fieldEnd();
        String s = new String(bytes, at, end - at, StandardCharsets.UTF_8);
        at = end + 1;
        return s;
    }

    /** The next field as a number, exactly as {@code Double.parseDouble} reads it. */
    double decimal() {
        int end = fieldEnd();
        double d = fastDecimal(at, end);
        at = end + 1;
        return d;
    }

    /** The next field as a float, exactly as {@code Float.parseFloat} reads it. */
    float float32() {
        int end = fieldEnd();
        int from = at;
        at = end + 1;
        double d = fastDecimal(from, end);
        // The double is the correctly rounded value; rounding it again to float is correct unless it
        // landed exactly halfway between two floats (or outside the normal range): then parse anew.
        long bits = Double.doubleToRawLongBits(d);
        if (Double.isNaN(d) || (bits & 0x1FFFFFFFL) == 0x10000000L || Math.abs(d) > Float.MAX_VALUE
                || (d != 0 && Math.abs(d) < 2 * Float.MIN_NORMAL)) {
            return Float.parseFloat(number(from, end));
        }
        return (float) d;
    }

    /** The next field as an unsigned hexadecimal long (1 to 16 digits). */
    long hex() {
        int end = fieldEnd();
        if (end == at || end - at > 16) {
            throw error("'" + number(at, end) + "' is not a hexadecimal number");
        }
        long h = 0;
        for (int i = at; i < end; i++) {
            int c = bytes[i];
            int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (v < 0) {
                throw error("'" + number(at, end) + "' is not a hexadecimal number");
            }
            h = (h << 4) | v;
        }
        at = end + 1;
        return h;
    }

    /** An error at the current line. */
    UserError error(String message) {
        return new UserError(where + " line " + line + ": " + message);
    }

    private int fieldEnd() {
        int end = at;
        while (end < lineEnd && bytes[end] != '\t') {
            end++;
        }
        return end;
    }

    /**
     * Plain decimals of at most 15 significant digits and 22 decimals ("7.1234565", "-0.25", "42"):
     * m / 10^k with both exact in a double is one correctly rounded division, the value
     * {@code Double.parseDouble} gives. Anything else (exponents, more digits) goes to it.
     */
    private double fastDecimal(int from, int to) {
        int i = from;
        boolean negative = i < to && bytes[i] == '-';
        if (negative) {
            i++;
        }
        long m = 0;
        int digits = 0;
        int decimals = -1;
        for (; i < to; i++) {
            int c = bytes[i];
            if (c >= '0' && c <= '9') {
                if (m != 0 || c != '0') {
                    digits++;
                }
                m = m * 10 + (c - '0');
                if (decimals >= 0) {
                    decimals++;
                }
            } else if (c == '.' && decimals < 0) {
                decimals = 0;
            } else {
                digits = Integer.MAX_VALUE; // not a plain decimal
                break;
            }
        }
        boolean plain = digits <= 15 && decimals <= 22 && i > from + (negative ? 1 : 0) && !(decimals == 0 && i == from + (negative ? 2 : 1));
        if (!plain) {
            try {
                return Double.parseDouble(number(from, to));
            } catch (NumberFormatException e) {
                throw error("'" + number(from, to) + "' is not a number");
            }
        }
        double d = decimals > 0 ? m / POWERS_OF_TEN[decimals] : m;
        return negative ? -d : d;
    }

    private String number(int from, int to) {
        return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
    }
}

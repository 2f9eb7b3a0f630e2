package org.stance.io;

/**
 * CSV cells that a spreadsheet would run as a formula (a text starting with {@code = + - @}, or a
 * tab or carriage return) are written with a leading apostrophe, as OWASP recommends against CSV
 * injection: spreadsheets show the text and drop the apostrophe. Readers remove it again, so a
 * file written here, or saved back by a spreadsheet, reads as the original text.
 */
public final class SpreadsheetSafe {

    private SpreadsheetSafe() {
    }

    private static boolean formulaStart(char c) {
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    }

    /** The cell as written: a formula-like text behind an apostrophe; numbers and anything else as they are. */
    public static Object cell(Object value) {
        if (value instanceof String s && !s.isEmpty() && formulaStart(s.charAt(0))) {
            return "'" + s;
        }
        return value;
    }

    public static Object[] cells(Object... values) {
        Object[] out = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = cell(values[i]);
        }
        return out;
    }

    public static Object[] cells(java.util.List<?> values) {
        return cells(values.toArray());
    }

    /** The text a cell stands for: the apostrophe added before a formula-like text removed. */
    public static String text(String cell) {
        return cell.length() > 1 && cell.charAt(0) == '\'' && formulaStart(cell.charAt(1)) ? cell.substring(1) : cell;
    }
}

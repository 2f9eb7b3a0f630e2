package org.stance.cli;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;

/**
 * Text for a terminal: control characters (ESC of an escape sequence, C1 controls, CR, BEL, ...)
 * from article text or file names are shown as U+FFFD instead of being obeyed; only line feeds
 * (and tabs) pass. An article could otherwise recolour, retitle or rewrite the user's terminal.
 */
final class TerminalSafe extends FilterWriter {

    TerminalSafe(Writer out) {
        super(out);
    }

    static boolean unsafe(char c) {
        return c != '\n' && c != '\t' && Character.getType(c) == Character.CONTROL;
    }

    /** The text with every unsafe control character replaced. */
    static String text(String s) {
        if (s == null) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            if (unsafe(s.charAt(i))) {
                StringBuilder b = new StringBuilder(s);
                for (int j = i; j < b.length(); j++) {
                    if (unsafe(b.charAt(j))) {
                        b.setCharAt(j, '\uFFFD');
                    }
                }
                return b.toString();
            }
        }
        return s;
    }

    @Override
    public void write(int c) throws IOException {
        out.write(unsafe((char) c) ? '\uFFFD' : c);
    }

    @Override
    public void write(char[] cbuf, int off, int len) throws IOException {
        write(new String(cbuf, off, len), 0, len);
    }

    @Override
    public void write(String str, int off, int len) throws IOException {
        out.write(text(str.substring(off, off + len)));
    }
}

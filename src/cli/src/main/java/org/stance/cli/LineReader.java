package org.stance.cli;

import java.io.IOException;
import java.io.Reader;

/**
 * Lines ended by LF only, a trailing CR dropped (CRLF files): a lone CR inside a line does not split
 * it, unlike {@link java.io.BufferedReader#readLine}, so a file gives exactly one record per line.
 * Reads in blocks (BufferedReader's per-character read takes a lock each time).
 */
final class LineReader {

    /** The longest line read: one sentence per line, far below this; a file without line breaks is refused, not held. */
    static final int MAX_LINE_CHARS = 1 << 20;

    /** Why a line longer than {@link #MAX_LINE_CHARS} is refused (here and by the check before scoring). */
    static final String TOO_LONG = "a line of more than " + MAX_LINE_CHARS + " characters; --sentences reads one sentence per line";

    /** A line longer than {@link #MAX_LINE_CHARS}. */
    static final class LineTooLong extends IOException {
        LineTooLong() {
            super(TOO_LONG);
        }
    }

    private final Reader in;
    private final char[] buffer = new char[1 << 16];
    private int position;
    private int limit;

    LineReader(Reader in) {
        this.in = in;
    }

    /** Whether a line can be read without waiting for more input (a whole line may still need a wait). */
    boolean ready() throws IOException {
        return position < limit || in.ready();
    }

    /** The next line, or null at the end of the input. */
    String readLine() throws IOException {
        StringBuilder partial = null;
        while (true) {
            if (position == limit) {
                limit = in.read(buffer, 0, buffer.length);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    return partial == null ? null : stripCr(partial.toString());
                }
            }
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            if (position < limit) {
                if ((partial == null ? 0 : partial.length()) + position - start > MAX_LINE_CHARS) {
                    throw new LineTooLong();
                }
                String line = partial == null ? new String(buffer, start, position - start)
                        : partial.append(buffer, start, position - start).toString();
                position++; // the LF
                return stripCr(line);
            }
            if (partial == null) {
                partial = new StringBuilder(Math.max(16, 2 * (position - start)));
            }
            partial.append(buffer, start, position - start);
            if (partial.length() > MAX_LINE_CHARS) {
                throw new LineTooLong();
            }
        }
    }

    private static String stripCr(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }
}

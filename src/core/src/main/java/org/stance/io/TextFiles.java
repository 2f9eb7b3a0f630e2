package org.stance.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import org.stance.UserError;

/** Strict UTF-8 reading: a binary file, another encoding or a stray BOM is reported with its line. */
public final class TextFiles {

    private TextFiles() {
    }

    /**
     * The largest input file read whole (a CSV, an article): far above any real one, and far below
     * what would exhaust the heap while it is decoded (its text is held twice, as bytes and chars).
     */
    public static final long MAX_BYTES = 1L << 30;

    /** Reads a whole file as UTF-8 text; a leading UTF-8 BOM is removed. */
    public static String read(Path file) {
        return decode(readBytes(file), file.toString());
    }

    /**
     * The bytes of a regular file or a pipe (process substitution, a FIFO), at most {@link #MAX_BYTES}:
     * a folder, a device such as /dev/zero, a missing path and a larger input each get their own message.
     */
    public static byte[] readBytes(Path file) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class); // one stat, not three: scoring reads thousands of files
        } catch (IOException e) {
            throw new UserError(file + ": no such file");
        }
        if (attributes.isDirectory()) {
            throw new UserError(file + ": is a folder, not a file");
        }
        if (!attributes.isRegularFile() && !InputFiles.isPipe(file)) {
            throw new UserError(file + ": a device or special file, not a text file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, MAX_BYTES + 1));
            if (bytes.length > MAX_BYTES) {
                throw new UserError(file + ": larger than " + (MAX_BYTES >> 20) + " MB; split it into smaller files");
            }
            return bytes;
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads a whole stream (standard input) as UTF-8 text, at most {@link #MAX_BYTES}. */
    public static String read(InputStream in, String name) {
        try {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, MAX_BYTES + 1));
            if (bytes.length > MAX_BYTES) {
                throw new UserError(name + ": larger than " + (MAX_BYTES >> 20) + " MB; split it into smaller files");
            }
            return decode(bytes, name);
        } catch (IOException e) {
            throw new UserError("cannot read " + name + ": " + e.getMessage(), e);
        }
    }

    /** Decodes bytes strictly as UTF-8, naming the line of the first bad byte. */
    public static String decode(byte[] bytes, String name) {
        if (bytes.length >= 2 && ((bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE) || (bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF))) {
            throw new UserError(name + ": the file is UTF-16 (byte-order mark at the start); save it as UTF-8");
        }
        int nul = indexOf(bytes, (byte) 0);
        if (nul >= 0) {
            throw new UserError(name + ":" + lineAt(bytes, nul) + ": binary data (a NUL byte); expected UTF-8 text");
        }
        // The JDK's own decoding is several times faster than a CharsetDecoder (no CharBuffer, no
        // copy); it replaces a bad byte with U+FFFD, so text holding one is decoded again strictly,
        // which either names the bad byte or returns the same text (a real U+FFFD in the file)
        String fast = new String(bytes, StandardCharsets.UTF_8);
        if (fast.indexOf('\uFFFD') < 0) {
            return withoutByteOrderMark(fast);
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        try {
            String text = decoder.decode(buffer).toString();
            return withoutByteOrderMark(text);
        } catch (MalformedInputException e) {
            throw new UserError(name + ":" + lineAt(bytes, buffer.position()) + ": not valid UTF-8 (bad byte 0x"
                    + String.format("%02X", bytes[Math.min(buffer.position(), bytes.length - 1)]) + "); save the file as UTF-8");
        } catch (CharacterCodingException e) {
            throw new UserError(name + ": not valid UTF-8: " + e.getMessage());
        }
    }

    /** The text without a leading UTF-8 byte-order mark, which is no part of it. */
    private static String withoutByteOrderMark(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /**
     * Checks a stream of text line by line without holding it: valid UTF-8, no NUL byte. Returns the
     * number of lines; a problem is an error naming its line (counted in bytes, so it is exact however
     * far ahead a reader would have buffered).
     */
    public static long checkText(InputStream in, String name) throws IOException {
        return checkText(in, name, Long.MAX_VALUE, null);
    }

    /**
     * {@link #checkText(InputStream, String)}, also refusing a line of more than {@code maxLineChars}
     * characters (its line break not counted) with {@code tooLong} as the reason: one pass checks
     * everything a line reader will meet.
     */
    public static long checkText(InputStream in, String name, long maxLineChars, String tooLong) throws IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.allocate(1 << 16);
        java.nio.CharBuffer chars = java.nio.CharBuffer.allocate(1 << 16);
        byte[] array = bytes.array();
        long line = 1;
        long total = 0;
        long charLine = 1;
        long lineChars = 0;
        boolean eof = false;
        while (!eof) {
            int n = in.read(array, bytes.position(), bytes.remaining());
            eof = n < 0;
            if (!eof) {
                bytes.position(bytes.position() + n);
            }
            bytes.flip();
            int start = bytes.position();
            java.nio.charset.CoderResult result;
            do {
                chars.clear();
                result = decoder.decode(bytes, chars, eof);
                chars.flip();
                while (chars.hasRemaining()) {
                    if (chars.get() == '\n') {
                        charLine++;
                        lineChars = 0;
                    } else if (++lineChars > maxLineChars) {
                        throw new UserError(name + ":" + charLine + ": " + tooLong);
                    }
                }
            } while (result.isOverflow());
            // The decoder stops at the first bad byte: every byte before it is valid UTF-8.
            for (int i = start; i < bytes.position(); i++) {
                if (array[i] == 0) {
                    throw new UserError(name + ":" + line + ": binary data (a NUL byte); expected UTF-8 text");
                }
                if (array[i] == '\n') {
                    line++;
                }
            }
            total += bytes.position() - start;
            if (result.isError()) {
                throw new UserError(name + ":" + line + ": not valid UTF-8 (bad byte 0x" + String.format("%02X", array[bytes.position()])
                        + "); save the file as UTF-8");
            }
            bytes.compact();
        }
        if (bytes.position() > 0) {
            throw new UserError(name + ":" + line + ": not valid UTF-8 (the text ends inside a character)");
        }
        return total == 0 ? 0 : line;
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** 1-based line number of a byte offset. */
    static int lineAt(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }
}

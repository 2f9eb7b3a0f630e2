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
import org.stance.UserError;

/** Strict UTF-8 reading: a binary file, another encoding or a stray BOM is reported with its line. */
public final class TextFiles {

    private TextFiles() {
    }

    /** Reads a whole file as UTF-8 text; a leading UTF-8 BOM is removed. */
    public static String read(Path file) {
        try {
            return decode(Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public static String read(InputStream in, String name) {
        try {
            return decode(in.readAllBytes(), name);
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
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        try {
            String text = decoder.decode(buffer).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (MalformedInputException e) {
            throw new UserError(name + ":" + lineAt(bytes, buffer.position()) + ": not valid UTF-8 (bad byte 0x"
                    + String.format("%02X", bytes[Math.min(buffer.position(), bytes.length - 1)]) + "); save the file as UTF-8");
        } catch (CharacterCodingException e) {
            throw new UserError(name + ": not valid UTF-8: " + e.getMessage());
        }
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

package org.stance.data;

import org.stance.io.TextFiles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.stance.UserError;

class TextFilesTest {

    @Test
    void decodesUtf8AndDropsTheBom() {
        assertEquals("العراق", TextFiles.decode("\uFEFFالعراق".getBytes(StandardCharsets.UTF_8), "x"));
    }

    @Test
    void binaryDataIsReportedWithItsLine() {
        byte[] bytes = {'a', '\n', 'b', 0, 1, 2};
        assertTrue(assertThrows(UserError.class, () -> TextFiles.decode(bytes, "f.bin")).getMessage()
                .startsWith("f.bin:2: binary data"));
    }

    @Test
    void invalidUtf8IsReportedWithItsLine() {
        byte[] bytes = {'a', '\n', '\n', (byte) 0xC3, (byte) 0x28};
        assertTrue(assertThrows(UserError.class, () -> TextFiles.decode(bytes, "f.txt")).getMessage()
                .startsWith("f.txt:3: not valid UTF-8"));
    }

    @Test
    void aReplacementCharacterInTheFileIsTextButAnEncodedSurrogateIsNot() {
        // the fast decoding turns bad bytes into U+FFFD: a real U+FFFD must still read as text, and
        // bytes the JDK would replace (a UTF-8-encoded surrogate, an overlong form) must still fail
        assertEquals("a\uFFFDب", TextFiles.decode("a\uFFFDب".getBytes(StandardCharsets.UTF_8), "x"));
        byte[] surrogate = {'a', '\n', (byte) 0xED, (byte) 0xA0, (byte) 0x80};
        assertTrue(assertThrows(UserError.class, () -> TextFiles.decode(surrogate, "s.txt")).getMessage().startsWith("s.txt:2: not valid UTF-8"));
        byte[] overlong = {(byte) 0xC0, (byte) 0xAF};
        assertTrue(assertThrows(UserError.class, () -> TextFiles.decode(overlong, "o.txt")).getMessage().startsWith("o.txt:1: not valid UTF-8"));
    }
}

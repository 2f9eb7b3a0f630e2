package org.stance.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonLinesWriterTest {

    /** Texts the two paths could encode differently: beyond U+FFFF, control and separator characters, JSON's own marks. */
    private static final String[] TEXTS = {"قال مسؤول إن القوات ستغادر.", "😀 العراق 𝔸", "\u0001\t\n\u2028\u2029\u007F", "\"x\" \\ / <b>", ""};

    @Test
    void bytesAreTheCharacterPathsUtf8() throws IOException {
        ByteArrayOutputStream viaWriter = new ByteArrayOutputStream();
        try (Writer w = new OutputStreamWriter(viaWriter, StandardCharsets.UTF_8)) {
            write(new JsonLinesWriter(w, 0));
        }
        ByteArrayOutputStream viaBytes = new ByteArrayOutputStream();
        write(new JsonLinesWriter(viaBytes, 0));
        assertArrayEquals(viaWriter.toByteArray(), viaBytes.toByteArray());
        // the emoji is written as its own 4 bytes, not as an escaped surrogate pair
        assertTrue(viaBytes.toString(StandardCharsets.UTF_8).contains("😀 العراق 𝔸"));
    }

    private static void write(JsonLinesWriter json) throws IOException {
        int id = 1;
        for (String text : TEXTS) {
            json.sentence("a", new SentenceScore(id++, text, null, null, false, "empty"));
        }
        json.flush();
    }
}

package org.stance.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class StringIndexTest {

    @Test
    void findsEveryWordAndNothingElseInALargeTable() {
        // 100,000 words: more slots than 16 bits address, so every bit of the slot function is used.
        String[] words = new String[100_000];
        for (int i = 0; i < words.length; i++) {
            words[i] = "كلمة" + i;
        }
        StringIndex index = new StringIndex(words);
        for (int i = 0; i < words.length; i++) {
            assertEquals(i, index.indexOf(new String(words[i].toCharArray())));
        }
        assertEquals(-1, index.indexOf("كلمة" + words.length));
        assertEquals(-1, index.indexOf(""));
    }

    @Test
    void stringsWithEqualHashCodesStayApart() {
        // "Aa" and "BB" share String.hashCode.
        StringIndex index = new StringIndex(new String[] {"Aa", "BB"});
        assertEquals(0, index.indexOf("Aa"));
        assertEquals(1, index.indexOf("BB"));
        assertEquals(-1, index.indexOf("AaBB"));
    }

    @Test
    void refusesAWordTwice() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new StringIndex(new String[] {"قوات", "انسحاب", "قوات"}));
        assertEquals("word 'قوات' appears twice in the vocabulary", e.getMessage());
    }

    @Test
    void emptyTable() {
        assertEquals(-1, new StringIndex(new String[0]).indexOf("قوات"));
    }
}

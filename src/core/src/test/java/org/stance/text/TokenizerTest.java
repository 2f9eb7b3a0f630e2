package org.stance.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokenizerTest {

    @Test
    void splitsOffArabicAndLatinPunctuation() {
        assertEquals(List.of("قال", "المصدر", "هل", "ينسحبون", "نعم", "2500", "جندي"),
                Tokenizer.tokenize("قال المصدر، هل ينسحبون؟ نعم؛ \"2500\" جندي."));
    }

    @Test
    void keepsMixedScriptNamesWhole() {
        assertEquals(List.of("لـcnn", "politico"), Tokenizer.tokenize("لـcnn (politico)"));
    }

    @Test
    void stemStripsCliticsAndSuffixes() {
        // Lucene's light stemmer removes وال/بال and the plural suffixes ات/ون.
        assertEquals("قو", Tokenizer.stem("والقوات"));
        assertEquals("عراق", Tokenizer.stem("بالعراق"));
        assertEquals("مسوول", Tokenizer.stem("والمسوولون"));
        assertEquals(Tokenizer.stem("القوات"), Tokenizer.stem("بالقوات"));
    }

    @Test
    void shortAndLatinTokensAreNotStemmed() {
        assertEquals("في", Tokenizer.stem("في"));
        assertEquals("politico", Tokenizer.stem("politico"));
    }

    @Test
    void countAndLastTokenAgreeWithTokenize() {
        String alphabet = "قال المصدر، ؟؛ \"2500\" جندي. لـcnn (x) \t\n\u00A0ـًٌ-_'";
        for (String t : RandomTexts.sample(11, alphabet, 15, 20_000)) {
            List<String> tokens = Tokenizer.tokenize(t);
            assertEquals(tokens.size(), Tokenizer.count(t), t);
            assertEquals(tokens.isEmpty() ? null : tokens.get(tokens.size() - 1), Tokenizer.lastToken(t), t);
            for (int cap = 0; cap <= 4; cap++) {
                assertEquals(Math.min(tokens.size(), cap), Tokenizer.countUpTo(t, cap), t);
            }
        }
    }
}

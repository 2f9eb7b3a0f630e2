package org.stance.text;

import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.ar.ArabicStemmer;

/**
 * Splits normalised text into word tokens: maximal runs of letters and digits, so that Arabic
 * punctuation (، ؛ ؟) and quotes never stay glued to a word, as they do with DL4J's
 * {@code CommonPreprocessor}.
 *
 * <p>Clitics: Arabic attaches conjunctions, prepositions and the article to the word (والقوات،
 * بالعراق). {@link #stem(String)} uses Lucene's {@link ArabicStemmer}, the light stemmer of Larkey
 * et al. that is well tested in search engines, instead of hand-written affix rules: it strips
 * وال/بال/كال/فال/لل/ال/و prefixes and common suffixes, which folds most inflected forms together.
 * Thread-safe: Lucene's stemmer is stateless.
 */
public final class Tokenizer {

    private static final ArabicStemmer STEMMER = new ArabicStemmer();

    private Tokenizer() {
    }

    /** Word tokens of the text, in order. Apply the normaliser first. */
    public static List<String> tokenize(String text) {
        List<String> tokens = new ArrayList<>();
        forEachToken(text, (start, end) -> tokens.add(text.substring(start, end)));
        return tokens;
    }

    /** The number of tokens {@link #tokenize} gives, without making them. */
    public static int count(String text) {
        return countUpTo(text, Integer.MAX_VALUE);
    }

    /**
     * {@code min(count(text), cap)}, reading no further than the cap-th token: the segmenter only
     * asks whether a line has more than a few words, of every line of every article.
     */
    public static int countUpTo(String text, int cap) {
        int n = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length() && n < cap; i++) {
            boolean word = isWordChar(text.charAt(i));
            if (word && !inWord) {
                n++;
            }
            inWord = word;
        }
        return n;
    }

    /** The last token {@link #tokenize} gives, or null when there is none: the last run of word characters, read from the end. */
    public static String lastToken(String text) {
        int end = text.length();
        while (end > 0 && !isWordChar(text.charAt(end - 1))) {
            end--;
        }
        int start = end;
        while (start > 0 && isWordChar(text.charAt(start - 1))) {
            start--;
        }
        return start == end ? null : text.substring(start, end);
    }

    /** Receives a token as its offsets in the text. */
    public interface Span {
        void accept(int start, int end);
    }

    /** The tokens of {@link #tokenize}, in order, as [start, end) offsets: for callers that look tokens up without copying them. */
    public static void forEachToken(String text, Span span) {
        forEachToken(text.toCharArray(), span);
    }

    /** The same over the text's characters (a caller that holds them already saves a copy). */
    public static void forEachToken(char[] text, Span span) {
        int start = -1;
        for (int i = 0; i <= text.length; i++) {
            boolean word = i < text.length && isWordChar(text[i]);
            if (word && start < 0) {
                start = i;
            } else if (!word && start >= 0) {
                span.accept(start, i);
                start = -1;
            }
        }
    }

    /** The light stem of one token; a token of three letters or fewer is returned unchanged. */
    public static String stem(String token) {
        if (token.length() <= 3 || !ArabicNormalizer.hasArabicLetter(token)) {
            return token;
        }
        char[] buf = token.toCharArray();
        int len = STEMMER.stem(buf, buf.length);
        // Never stem down to fewer than two letters: such stems merge unrelated words.
        return len >= 2 ? new String(buf, 0, len) : token;
    }

    private static boolean isWordChar(char c) {
        return c < WORD_CHARS.length ? WORD_CHARS[c] : isWordCharSlow(c);
    }

    private static boolean isWordCharSlow(char c) {
        return Character.isLetterOrDigit(c) || ArabicNormalizer.isDiacritic(c) || c == '\u0640';
    }

    /**
     * {@link #isWordCharSlow} precomputed for Latin and the Arabic block (U+0000-U+07FF): the
     * Unicode property lookup behind {@code Character.isLetterOrDigit} was 7% of scoring.
     */
    private static final boolean[] WORD_CHARS = new boolean[0x800];

    static {
        for (char c = 0; c < WORD_CHARS.length; c++) {
            WORD_CHARS[c] = isWordCharSlow(c);
        }
    }
}

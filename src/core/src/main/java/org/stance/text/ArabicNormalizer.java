package org.stance.text;

import java.text.Normalizer;

/**
 * Normalises Arabic news text according to a {@link NormalizerConfig}. Each step is a plain
 * character mapping, written here rather than taken from Lucene's {@code ArabicNormalizer}
 * because Lucene's applies all foldings at once and they must be switchable one by one.
 * Thread-safe and stateless.
 *
 * <p>Every sentence trained on or scored passes through here, so the common case is one pass over
 * a table: the mappings of the characters below {@link #TABLE_SIZE} (ASCII, Latin-1, ..., the
 * Arabic block) are looked up instead of tested step by step, and NFKC, which leaves plain Arabic and
 * ASCII text as it is, runs only on a text that holds a character it could change (see
 * {@link #nfkcLeavesAlone}). The result is the same as running the steps one after the other.
 */
public final class ArabicNormalizer {

    /** The characters mapped by table: U+0000..U+06FF (ASCII, Latin-1, ..., the Arabic block). */
    static final int TABLE_SIZE = 0x0700;
    private static final char DROPPED = '\uFFFF'; // never a mapping of a character below TABLE_SIZE

    private final NormalizerConfig config;
    private final char[] table = new char[TABLE_SIZE];

    public ArabicNormalizer(NormalizerConfig config) {
        this.config = config;
        for (char c = 0; c < TABLE_SIZE; c++) {
            table[c] = dropped(c) ? DROPPED : map(c);
        }
    }

    public NormalizerConfig config() {
        return config;
    }

    public String normalize(String text) {
        // One pass over a char array, written in place (the output is never longer than what was read so
        // far): String.charAt's index checks were a fifth of segmenting articles under C1.
        char[] in = text.toCharArray();
        if (config.nfkc() && !nfkcLeavesAlone(in)) {
            in = Normalizer.normalize(text, Normalizer.Form.NFKC).toCharArray();
        }
        int length = 0;
        for (int i = 0; i < in.length; i++) {
            char c = in[i];
            if (c < TABLE_SIZE) {
                char m = table[c];
                if (m != DROPPED) {
                    in[length++] = m;
                }
            } else if (Character.isHighSurrogate(c) && i + 1 < in.length && Character.isLowSurrogate(in[i + 1])) {
                char low = in[i + 1];
                if (!isDefaultIgnorable(Character.toCodePoint(c, low))) {
                    in[length++] = c;
                    in[length++] = low;
                }
                i++;
            } else if (!dropped(c)) {
                in[length++] = map(c);
            }
        }
        return new String(in, 0, length);
    }

    /**
     * Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties, Unicode 15): characters with no
     * visible form unless a renderer supports them (soft hyphen, zero-width space and joiners,
     * direction marks and controls, the word joiner, variation selectors, BOM, tag characters,
     * Hangul fillers). Inside a word they split it in two for the tokenizer while the reader sees
     * nothing, so normalisation removes them all, whatever the configuration.
     */
    public static boolean isDefaultIgnorable(int cp) {
        if (cp < 0x00AD || (cp > 0x061C && cp < 0x115F)) {
            return false; // ASCII and the Arabic letters: one or two comparisons for almost every character
        }
        return cp == 0x00AD || cp == 0x034F || cp == 0x061C || cp == 0x115F || cp == 0x1160 || cp == 0x17B4 || cp == 0x17B5
                || (cp >= 0x180B && cp <= 0x180F) || (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E)
                || (cp >= 0x2060 && cp <= 0x206F) || cp == 0x3164 || (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFEFF || cp == 0xFFA0
                || (cp >= 0xFFF0 && cp <= 0xFFF8) || (cp >= 0x1BCA0 && cp <= 0x1BCA3) || (cp >= 0x1D173 && cp <= 0x1D17A)
                || (cp >= 0xE0000 && cp <= 0xE0FFF);
    }

    /**
     * True when NFKC would return the text unchanged, by a sufficient test: every character is
     * ASCII or C1 control, one of {@link #isStablePunctuation}'s marks, or in the Arabic block without a compatibility decomposition
     * (U+0675..U+0678 have one) and not a mark that composes with the letter before it
     * (U+0653..U+0655: alef + madda is آ), and no combining mark follows another (NFKC would
     * reorder them by combining class). False sends the text through NFKC itself; a test checks
     * the claim against the JDK's NFKC for every pair of these characters.
     */
    static boolean nfkcLeavesAlone(CharSequence text) {
        return nfkcLeavesAlone(text.toString().toCharArray());
    }

    private static boolean nfkcLeavesAlone(char[] text) {
        boolean afterMark = false;
        for (char c : text) {
            if (c < 0xA0 || isStablePunctuation(c)) {
                afterMark = false;
                continue;
            }
            if (c < 0x0600 || c > 0x06FF || (c >= 0x0653 && c <= 0x0655) || (c >= 0x0675 && c <= 0x0678)) {
                return false;
            }
            boolean mark = isArabicCombiningMark(c);
            if (mark && afterMark) {
                return false;
            }
            afterMark = mark;
        }
        return true;
    }

    /**
     * Quotation marks and dashes of Arabic news that NFKC leaves alone (no decomposition, combining
     * class 0): without them every page quoting «...» or “...” went through the JDK's NFKC.
     */
    static boolean isStablePunctuation(char c) {
        return c == '\u00AB' || c == '\u00BB' || c == '\u2013' || c == '\u2014' || c == '\u2018' || c == '\u2019' || c == '\u201C' || c == '\u201D';
    }

    /** The marks of the Arabic block with a non-zero canonical combining class. */
    static boolean isArabicCombiningMark(char c) {
        return (c >= '\u0610' && c <= '\u061A') || (c >= '\u064B' && c <= '\u065F') || c == '\u0670' || (c >= '\u06D6' && c <= '\u06DC')
                || (c >= '\u06DF' && c <= '\u06E4') || c == '\u06E7' || c == '\u06E8' || (c >= '\u06EA' && c <= '\u06ED');
    }

    /** Whether normalisation removes the character: a default-ignorable one always, a diacritic or the tatweel when configured. */
    boolean dropped(char c) {
        return isDefaultIgnorable(c) || (config.stripDiacritics() && isDiacritic(c)) || (config.stripTatweel() && c == '\u0640');
    }

    char map(char c) {
        if (config.foldAlef() && (c == 'أ' || c == 'إ' || c == 'آ' || c == 'ٱ')) {
            return 'ا';
        }
        if (config.foldAlefMaqsura() && c == 'ى') {
            return 'ي';
        }
        if (config.foldTaaMarbuta() && c == 'ة') {
            return 'ه';
        }
        if (config.foldDigits()) {
            if (c >= '\u0660' && c <= '\u0669') {
                return (char) ('0' + (c - '\u0660'));
            }
            if (c >= '\u06F0' && c <= '\u06F9') {
                return (char) ('0' + (c - '\u06F0'));
            }
        }
        if (config.foldPunctuation()) {
            switch (c) {
                case '“', '”', '„', '«', '»', '″', '‟':
                    return '"';
                case '‘', '’', '‚', '‛':
                    return '\'';
                case '–', '—', '―', '‐', '‑', '−':
                    return '-';
                case '\u00A0', '\u2009', '\u200A', '\u202F':
                    return ' ';
                default:
                    break;
            }
        }
        if (config.lowercaseLatin() && c >= 'A' && c <= 'Z') {
            return (char) (c + ('a' - 'A'));
        }
        return c;
    }

    /** Tashkeel U+064B..U+0652, the dagger alef U+0670, and the Quranic marks U+06D6..U+06ED. */
    static boolean isDiacritic(char c) {
        return (c >= '\u064B' && c <= '\u0652') || c == '\u0670' || (c >= '\u06D6' && c <= '\u06ED');
    }

    /** True when the text holds at least one letter of the Arabic script. */
    public static boolean hasArabicLetter(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            if (isArabicLetter(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** A letter of the Arabic script; the tatweel U+0640, which only stretches a word, is not one. */
    public static boolean isArabicLetter(char c) {
        return (c >= '\u0621' && c <= '\u064A' && c != '\u0640') || (c >= '\u0671' && c <= '\u06D3') || (c >= '\uFB50' && c <= '\uFDFF')
                || (c >= '\uFE70' && c <= '\uFEFC');
    }
}

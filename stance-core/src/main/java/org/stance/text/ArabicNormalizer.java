package org.stance.text;

import java.text.Normalizer;

/**
 * Normalises Arabic news text according to a {@link NormalizerConfig}. Each step is a plain
 * character mapping, written here rather than taken from Lucene's {@code ArabicNormalizer}
 * because Lucene's applies all foldings at once and they must be switchable one by one.
 * Thread-safe and stateless.
 */
public final class ArabicNormalizer {

    private final NormalizerConfig config;

    public ArabicNormalizer(NormalizerConfig config) {
        this.config = config;
    }

    public NormalizerConfig config() {
        return config;
    }

    public String normalize(String text) {
        String s = config.nfkc() ? Normalizer.normalize(text, Normalizer.Form.NFKC) : text;
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (config.stripDiacritics() && isDiacritic(c)) {
                continue;
            }
            if (config.stripTatweel() && c == '\u0640') {
                continue;
            }
            out.append(map(c));
        }
        return out.toString();
    }

    private char map(char c) {
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

    public static boolean isArabicLetter(char c) {
        return (c >= '\u0621' && c <= '\u064A') || (c >= '\u0671' && c <= '\u06D3') || (c >= '\uFB50' && c <= '\uFDFF')
                || (c >= '\uFE70' && c <= '\uFEFC');
    }
}

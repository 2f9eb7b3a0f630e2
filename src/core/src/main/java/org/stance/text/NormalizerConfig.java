package org.stance.text;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which normalisation steps run, in a fixed order. Stored in every model artifact so that scoring
 * applies exactly the normalisation the model was trained with.
 *
 * @param nfkc                Unicode NFKC (presentation forms such as ﻻ become لا, full-width digits become ASCII)
 * @param stripDiacritics     remove tashkeel (fatha, damma, kasra, tanwin, shadda, sukun, dagger alef)
 * @param stripTatweel        remove the kashida U+0640 used to stretch words
 * @param foldAlef            أ إ آ ٱ → ا
 * @param foldAlefMaqsura     ى → ي (the two are written interchangeably in news text)
 * @param foldTaaMarbuta      ة → ه (off by default: it merges feminine nouns with pronoun suffixes)
 * @param foldDigits          Arabic-Indic and Persian digits → ASCII digits
 * @param foldPunctuation     curly quotes, guillemets and dashes → ASCII " and -, Arabic comma kept
 * @param lowercaseLatin      lower-case Latin letters (names such as CNN, Politico)
 */
public record NormalizerConfig(
        boolean nfkc,
        boolean stripDiacritics,
        boolean stripTatweel,
        boolean foldAlef,
        boolean foldAlefMaqsura,
        boolean foldTaaMarbuta,
        boolean foldDigits,
        boolean foldPunctuation,
        boolean lowercaseLatin) {

    /** The default used for training: everything except taa marbuta folding. */
    public static NormalizerConfig defaults() {
        return new NormalizerConfig(true, true, true, true, true, false, true, true, true);
    }

    /** No step at all: text passes through unchanged. */
    public static NormalizerConfig none() {
        return new NormalizerConfig(false, false, false, false, false, false, false, false, false);
    }

    public NormalizerConfig withFoldTaaMarbuta(boolean on) {
        return new NormalizerConfig(nfkc, stripDiacritics, stripTatweel, foldAlef, foldAlefMaqsura, on,
                foldDigits, foldPunctuation, lowercaseLatin);
    }

    /** The steps as an ordered name → on/off map, the form written to manifests. */
    public Map<String, Boolean> toMap() {
        Map<String, Boolean> m = new LinkedHashMap<>();
        m.put("nfkc", nfkc);
        m.put("stripDiacritics", stripDiacritics);
        m.put("stripTatweel", stripTatweel);
        m.put("foldAlef", foldAlef);
        m.put("foldAlefMaqsura", foldAlefMaqsura);
        m.put("foldTaaMarbuta", foldTaaMarbuta);
        m.put("foldDigits", foldDigits);
        m.put("foldPunctuation", foldPunctuation);
        m.put("lowercaseLatin", lowercaseLatin);
        return m;
    }

    /** Reads the map written by {@link #toMap()}; a missing step is an error, not a silent default. */
    public static NormalizerConfig fromMap(Map<String, Boolean> m) {
        return new NormalizerConfig(get(m, "nfkc"), get(m, "stripDiacritics"), get(m, "stripTatweel"),
                get(m, "foldAlef"), get(m, "foldAlefMaqsura"), get(m, "foldTaaMarbuta"), get(m, "foldDigits"),
                get(m, "foldPunctuation"), get(m, "lowercaseLatin"));
    }

    private static boolean get(Map<String, Boolean> m, String key) {
        Boolean v = m.get(key);
        if (v == null) {
            throw new IllegalArgumentException("normaliser setting '" + key + "' is missing");
        }
        return v;
    }
}

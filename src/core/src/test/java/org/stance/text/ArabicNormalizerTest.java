package org.stance.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.text.Normalizer;
import org.junit.jupiter.api.Test;

class ArabicNormalizerTest {

    private final ArabicNormalizer all = new ArabicNormalizer(NormalizerConfig.defaults());
    private final ArabicNormalizer none = new ArabicNormalizer(NormalizerConfig.none());

    @Test
    void stripsDiacritics() {
        assertEquals("الولايات المتحدة", all.normalize("الوِلاياتُ المتَّحدةُ"));
        assertEquals("وتحدثت", all.normalize("وتحدّثت"));
    }

    /**
     * Default_Ignorable_Code_Point derived as Unicode derives it (DerivedCoreProperties.txt):
     * Other_Default_Ignorable_Code_Point + Cf + Variation_Selector, minus White_Space, the
     * interlinear annotation and Egyptian format controls, and the prepended concatenation marks.
     * Cf comes from the JDK's Unicode tables, so this is a derivation independent of the list under test.
     */
    static boolean derivedDefaultIgnorable(int cp) {
        boolean otherDefaultIgnorable = cp == 0x034F || cp == 0x115F || cp == 0x1160 || cp == 0x17B4 || cp == 0x17B5 || cp == 0x2065
                || cp == 0x3164 || cp == 0xFFA0 || (cp >= 0xFFF0 && cp <= 0xFFF8) || cp == 0xE0000 || (cp >= 0xE0002 && cp <= 0xE001F)
                || (cp >= 0xE0080 && cp <= 0xE00FF) || (cp >= 0xE01F0 && cp <= 0xE0FFF);
        boolean variationSelector = (cp >= 0x180B && cp <= 0x180D) || cp == 0x180F || (cp >= 0xFE00 && cp <= 0xFE0F)
                || (cp >= 0xE0100 && cp <= 0xE01EF);
        boolean format = Character.getType(cp) == Character.FORMAT;
        boolean excluded = Character.isWhitespace(cp) || (cp >= 0xFFF9 && cp <= 0xFFFB) || (cp >= 0x13430 && cp <= 0x1343F)
                || (cp >= 0x0600 && cp <= 0x0605) || cp == 0x06DD || cp == 0x070F || cp == 0x0890 || cp == 0x0891 || cp == 0x08E2
                || cp == 0x110BD || cp == 0x110CD;
        return (otherDefaultIgnorable || variationSelector || format) && !excluded;
    }

    @Test
    void everyDefaultIgnorableCodePointIsDroppedAndNothingElse() {
        int count = 0;
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            assertEquals(derivedDefaultIgnorable(cp), ArabicNormalizer.isDefaultIgnorable(cp), String.format("U+%04X", cp));
            if (ArabicNormalizer.isDefaultIgnorable(cp)) {
                count++;
                String inWord = "الانسح" + new String(Character.toChars(cp)) + "اب";
                assertEquals("الانسحاب", all.normalize(inWord), String.format("U+%04X inside a word", cp));
                assertEquals("الانسحاب", none.normalize(inWord), String.format("U+%04X with no step configured", cp));
                assertEquals("الانسحاب", SentenceSegmenter.collapse(inWord), String.format("U+%04X in segmentation", cp));
            }
        }
        assertTrue(count > 4000, count + " ignorable code points"); // the tag and reserved block alone holds 4,096
    }

    @Test
    void tatweelAloneIsNoArabicText() {
        assertFalse(ArabicNormalizer.hasArabicLetter("ــــــ"));
        assertTrue(ArabicNormalizer.hasArabicLetter("العـراق"));
    }

    @Test
    void stripsTatweel() {
        assertEquals("العراق", all.normalize("العـــراق"));
    }

    @Test
    void foldsAlefVariants() {
        assertEquals("اعلن انهاء الامريكية", all.normalize("أعلن إنهاء الآمريكية"));
        assertEquals("ا", all.normalize("ٱ"));
    }

    @Test
    void foldsAlefMaqsura() {
        assertEquals("الي مستشفي", all.normalize("إلى مستشفى"));
    }

    @Test
    void taaMarbutaFoldingIsOptional() {
        assertEquals("المتحدة", all.normalize("المتحدة"));
        assertEquals("المتحده", new ArabicNormalizer(NormalizerConfig.defaults().withFoldTaaMarbuta(true)).normalize("المتحدة"));
    }

    @Test
    void foldsArabicIndicAndPersianDigits() {
        assertEquals("2500 جندي 2024", all.normalize("٢٥٠٠ جندي ۲۰۲۴"));
    }

    @Test
    void nfkcExpandsPresentationForms() {
        assertEquals("لا", all.normalize("\uFEFB"));
    }

    @Test
    void foldsQuotesAndDashes() {
        assertEquals("\"عراق\" - \"واشنطن\" 'س'", all.normalize("“عراق” – «واشنطن» ‘س’"));
    }

    @Test
    void lowercasesLatin() {
        assertEquals("لصحيفة politico و cnn", all.normalize("لصحيفة Politico و CNN"));
    }

    @Test
    void everyStepCanBeSwitchedOff() {
        String text = "إلى «العـراقِ» ٢٠٢٤ CNN";
        assertEquals(text, none.normalize(text));
    }

    @Test
    void configRoundTripsThroughItsMap() {
        NormalizerConfig c = NormalizerConfig.defaults().withFoldTaaMarbuta(true);
        assertEquals(c, NormalizerConfig.fromMap(c.toMap()));
    }

    @Test
    void detectsArabicLetters() {
        assertTrue(ArabicNormalizer.hasArabicLetter("Read العراق"));
        assertFalse(ArabicNormalizer.hasArabicLetter("Read Previous 2024 ،"));
    }

    @Test
    void nfkcIsSkippedOnlyWhereItChangesNothing() {
        // Every pair of the characters the quick test can accept, and a letter followed by two marks.
        StringBuilder candidates = new StringBuilder();
        for (char c = 0; c < ArabicNormalizer.TABLE_SIZE; c++) {
            if (c < 0xA0 || c >= 0x0600) {
                candidates.append(c);
            }
        }
        candidates.append("\u00AB\u00BB\u2013\u2014\u2018\u2019\u201C\u201D");
        int skipped = 0;
        for (int i = 0; i < candidates.length(); i++) {
            for (int j = 0; j < candidates.length(); j++) {
                String pair = "" + candidates.charAt(i) + candidates.charAt(j);
                if (ArabicNormalizer.nfkcLeavesAlone(pair)) {
                    skipped++;
                    assertEquals(pair, Normalizer.normalize(pair, Normalizer.Form.NFKC), () -> "NFKC changes " + RandomTexts.codes(pair));
                    String triple = "\u0628" + pair;
                    if (ArabicNormalizer.nfkcLeavesAlone(triple)) {
                        assertEquals(triple, Normalizer.normalize(triple, Normalizer.Form.NFKC), () -> "NFKC changes " + RandomTexts.codes(triple));
                    }
                }
            }
        }
        assertTrue(skipped > 100_000, "the quick test accepts plain Arabic and ASCII text: " + skipped);
        assertTrue(ArabicNormalizer.nfkcLeavesAlone("قال المتحدث إن القوات الأمريكية ستنسحب، 2024."));
        assertTrue(ArabicNormalizer.nfkcLeavesAlone("قال «إن القوات ستنسحب» – “قريبا”."));
        assertFalse(ArabicNormalizer.nfkcLeavesAlone("\u0627\u0653")); // alef + madda composes to آ
        assertFalse(ArabicNormalizer.nfkcLeavesAlone("\u0628\u0651\u064E")); // shadda + fatha are reordered
        assertFalse(ArabicNormalizer.nfkcLeavesAlone("\uFEFB"));
    }

    @Test
    void tableAndSkippedNfkcGiveWhatTheStepsGiveOneByOne() {
        // Random texts over plain, composing, reordering, compatibility and unmapped characters.
        String alphabet = "اأإآٱبةىيوؤئءهـًٌٍَُِّْٰٕٓٔٵ٠٩۰۹،؛؟ ﻻﺑ“”«»‘’–—\u00A0\u2009abcXYZ019.,-\"'\u00B2\u2026\uFFFF\uD83D\uDE00ےۓ";
        NormalizerConfig[] configs = {NormalizerConfig.defaults(), NormalizerConfig.none(), NormalizerConfig.defaults().withFoldTaaMarbuta(true),
                new NormalizerConfig(false, true, true, true, true, true, true, true, true)};
        for (NormalizerConfig config : configs) {
            ArabicNormalizer normalizer = new ArabicNormalizer(config);
            for (String input : RandomTexts.sample(7, alphabet, 14, 20_000)) {
                String stepped = config.nfkc() ? Normalizer.normalize(input, Normalizer.Form.NFKC) : input;
                StringBuilder expected = new StringBuilder();
                for (char c : stepped.toCharArray()) {
                    if (!normalizer.dropped(c)) {
                        expected.append(normalizer.map(c));
                    }
                }
                assertEquals(expected.toString(), normalizer.normalize(input), () -> config + ": " + RandomTexts.codes(input));
            }
        }
    }

}

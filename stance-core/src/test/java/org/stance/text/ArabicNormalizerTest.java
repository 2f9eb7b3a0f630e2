package org.stance.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ArabicNormalizerTest {

    private final ArabicNormalizer all = new ArabicNormalizer(NormalizerConfig.defaults());
    private final ArabicNormalizer none = new ArabicNormalizer(NormalizerConfig.none());

    @Test
    void stripsDiacritics() {
        assertEquals("الولايات المتحدة", all.normalize("الوِلاياتُ المتَّحدةُ"));
        assertEquals("وتحدثت", all.normalize("وتحدّثت"));
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
}

package org.stance.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.stance.text.Boilerplate.Reason;

class BoilerplateTest {

    private static Optional<Reason> of(String line) {
        return Boilerplate.classify(line);
    }

    @Test
    void adMarkersAreRemovedAndAdOnlyLinesFlagged() {
        assertEquals(Optional.of(Reason.AD_MARKER), of("[ad_1]"));
        assertEquals("قال المسؤول إن المحادثات مستمرة.", Boilerplate.stripAdMarkers("[ad_2] قال المسؤول إن المحادثات مستمرة."));
    }

    @Test
    void latinOnlyNavigationHasNoArabic() {
        assertEquals(Optional.of(Reason.NO_ARABIC), of("Read Previous"));
        assertEquals(Optional.of(Reason.NO_ARABIC), of("editor@example.com"));
        assertEquals(Optional.of(Reason.NO_ARABIC), of("----------"));
    }

    @Test
    void commentFormsAndShareWidgetsAreInteraction() {
        assertEquals(Optional.of(Reason.INTERACTION), of("أضف تعليقاً"));
        assertEquals(Optional.of(Reason.INTERACTION), of("لن يتم نشر عنوان بريدك الإلكتروني."));
        assertEquals(Optional.of(Reason.INTERACTION), of("شارك الخبر"));
        assertEquals(Optional.of(Reason.INTERACTION), of("رابط الخبر بصحيفة الوطن: الجيش يتقدم في الأنبار"));
    }

    @Test
    void bylinesAndDatelinesAreRecognised() {
        assertEquals(Optional.of(Reason.BYLINE), of("الموصل/ وكالة الأنباء"));
        assertEquals(Optional.of(Reason.BYLINE), of("صحيفة الغد – عمّان"));
    }

    @Test
    void shortUnpunctuatedLinesAreHeadings() {
        assertEquals(Optional.of(Reason.HEADING), of("موقف الحكومة"));
        assertEquals(Optional.of(Reason.HEADING), of("السياسةاخبارمحليات"));
    }

    @Test
    void sentencesAreNotBoilerplate() {
        assertEquals(Optional.empty(), of("شارك آلاف العراقيين في التظاهرة التي طالبت بخروج القوات الأجنبية من البلاد."));
        assertEquals(Optional.empty(), of("قال."));
        assertEquals(Optional.empty(), of("البرلمان يصوت على قرار يطالب الحكومة بجدولة انسحاب القوات الأجنبية"));
    }

    @Test
    void tailMarkersOpenTheRelatedArticlesPart() {
        assertTrue(Boilerplate.isTailMarker("مواضيع ذات صلة"));
        assertTrue(Boilerplate.isTailMarker("اقرأ أيضاً:"));
        assertTrue(Boilerplate.isTailMarker("Read Next"));
        assertFalse(Boilerplate.isTailMarker("وقال المسؤول إن القوات ستبقى."));
    }

    @Test
    void sentenceEndIgnoresEllipsisAndClosingQuotes() {
        assertTrue(Boilerplate.endsSentence("قال إن “الأمر محسوم.”"));
        assertTrue(Boilerplate.endsSentence("هل ينسحبون؟"));
        assertFalse(Boilerplate.endsSentence("ومن هذه الأسباب..."));
        assertFalse(Boilerplate.endsSentence("عنوان الخبر…"));
    }

    @Test
    void sentenceEndsByComparisonAreTheListedMarks() {
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            assertEquals(Boilerplate.SENTENCE_END.indexOf(c) >= 0, Boilerplate.isSentenceEnd(c), "U+" + Integer.toHexString(c));
        }
    }
}

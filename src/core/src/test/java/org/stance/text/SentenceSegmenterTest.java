package org.stance.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SentenceSegmenterTest {

    private final SentenceSegmenter segmenter = new SentenceSegmenter();

    @Test
    void splitsOnArabicAndLatinSentenceEnds() {
        assertEquals(List.of("بدأت المحادثات أمس.", "هل تنسحب القوات؟", "لا أحد يعرف!", "The talks resumed today."),
                SentenceSegmenter.splitLine("بدأت المحادثات أمس. هل تنسحب القوات؟ لا أحد يعرف! The talks resumed today."));
    }

    @Test
    void keepsQuotationsWhole() {
        String line = "وقال الطائي إن “واشنطن غير جادة. وهي تماطل” وأضاف أن الأمر واضح.";
        assertEquals(List.of(line), SentenceSegmenter.splitLine(line));
        String guillemets = "وقال «لن ننسحب. سنبقى» ثم غادر القاعة.";
        assertEquals(List.of(guillemets), SentenceSegmenter.splitLine(guillemets));
    }

    @Test
    void splitsAfterAQuotationThatEndsASentence() {
        assertEquals(List.of("وقال: \"نفعل كل ما نستطيع.\"", "وأضاف أن التحقيق مستمر."),
                SentenceSegmenter.splitLine("وقال: \"نفعل كل ما نستطيع.\" وأضاف أن التحقيق مستمر."));
    }

    @Test
    void unclosedQuoteDoesNotSwallowTheParagraph() {
        assertEquals(2, SentenceSegmenter.splitLine("وقال “إن القوات ستبقى. وأضاف أن المحادثات مستمرة.").size());
    }

    @Test
    void doesNotSplitDecimalsEllipsesOrInitials() {
        assertEquals(1, SentenceSegmenter.splitLine("ارتفع العدد إلى 2.5 ألف جندي.").size());
        assertEquals(1, SentenceSegmenter.splitLine("تضارب تصريحات وغموض.. مصير التحالف في العراق معلق!").size());
        assertEquals(1, SentenceSegmenter.splitLine("وقال د. أحمد إن الوضع مستقر.").size());
    }

    @Test
    void joinsLinesBrokenMidSentence() {
        String page = "وقال المتحدث باسم الحكومة إن المفاوضات مع الجانب الأمريكي\nستستمر حتى نهاية العام الجاري.";
        assertEquals(List.of("وقال المتحدث باسم الحكومة إن المفاوضات مع الجانب الأمريكي ستستمر حتى نهاية العام الجاري."),
                segmenter.sentences(page));
        String comma = "وأكد الوزير أن القوات العراقية جاهزة،\nوأنها لا تحتاج إلى دعم قتالي.";
        assertEquals(1, segmenter.sentences(comma).size());
    }

    @Test
    void doesNotJoinAcrossParagraphs() {
        String page = "وقال المتحدث إن المفاوضات مستمرة مع\n\nوأضاف أن الجولة المقبلة ستعقد في بغداد.";
        assertEquals(2, segmenter.sentences(page).size());
    }

    @Test
    void joinsALeadInAcrossAHeading() {
        String page = "رجحت المصادر أن يبقى عدد القوات على حاله. وجاء في التقرير\n\nتحول جديد\n\nيضع المسؤولون اللمسات الأخيرة على الاتفاق.";
        assertEquals(List.of("رجحت المصادر أن يبقى عدد القوات على حاله.", "وجاء في التقرير يضع المسؤولون اللمسات الأخيرة على الاتفاق."),
                segmenter.sentences(page));
    }

    @Test
    void keepsTheTitleButDropsShortHeadings() {
        String page = "السياسةخاص\n\nمصادر تكشف نقاط الخلاف بين المفاوضين\n\nنفي حكومي\n\nونفى المستشار وجود أي خلاف بين الطرفين.";
        assertEquals(List.of("مصادر تكشف نقاط الخلاف بين المفاوضين", "ونفى المستشار وجود أي خلاف بين الطرفين."),
                segmenter.sentences(page));
    }

    @Test
    void dropsThePageTailOfRelatedArticles() {
        String page = "وقال المسؤول إن الانسحاب سيكتمل العام المقبل.\nاقرأ أيضاً\nالجيش يعلن مقتل عشرة مسلحين في الأنبار\nالبرلمان يناقش الموازنة الجديدة…";
        assertEquals(List.of("وقال المسؤول إن الانسحاب سيكتمل العام المقبل."), segmenter.sentences(page));
    }

    @Test
    void attachesShortFragmentsToTheirNeighbour() {
        assertEquals(List.of("وأكد أن القوات ستبقى حتى إشعار آخر. (رويترز)"),
                segmenter.sentences("وأكد أن القوات ستبقى حتى إشعار آخر. (رويترز)"));
    }

    @Test
    void boilerplateKeepsItsIdSlot() {
        List<Segment> segments = segmenter.segment("[ad_1]\nوقال المسؤول إن الانسحاب سيكتمل العام المقبل.\nRead Next");
        assertEquals(3, segments.size());
        assertEquals("boilerplate:ad_marker", segments.get(0).kind());
        assertEquals(2, segments.get(1).index());
        assertTrue(segments.get(1).isSentence());
        assertEquals("boilerplate:no_arabic", segments.get(2).kind());
    }

    @Test
    void collapseGivesWhatRemovingIgnorablesThenTheWhitespaceRegexGives() {
        String alphabet = "اب .،\t\n\r\f\u000B\u00A0\u200B\u200C\u200F\u200E\u202F\uFEFF\u2003\u3000\u001Fx\u00AD\u2060";
        for (String t : RandomTexts.sample(5, alphabet, 14, 20_000)) {
            String visible = t.replaceAll("[\\u00AD\\u200B-\\u200F\\u2060\\uFEFF]", "");
            assertEquals(visible.replaceAll("[\\s\\u00A0\\u202F]+", " ").strip(), SentenceSegmenter.collapse(t), () -> RandomTexts.codes(t));
        }
    }

    /**
     * Hostile pages that once took quadratic time (37 s for 800 KB of " ."): for each, 8 times the
     * input takes about 8 times as long, not 64. Best of three runs each; the bound is loose (24x)
     * so that a loaded machine does not fail it, and a quadratic step still does.
     */
    @Test
    void segmentationTimeIsLinearInTheInput() {
        List<String> units = List.of(" .", " ،؟!.", "\"ق ", "«ق.» ", "قال المسؤول إن القوات،\n", "«قال المسؤول ", "قال. «ق» “ ، \u200b\u00ad", "...");
        for (String unit : units) {
            double one = bestSeconds(page(unit, 16_000));
            double eight = bestSeconds(page(unit, 128_000));
            assertTrue(eight < 24 * Math.max(one, 0.002), String.format("%s: 1x %.4f s, 8x %.4f s", RandomTexts.codes(unit), one, eight));
        }
    }

    private static String page(String unit, int chars) {
        return "قال المسؤول إن القوات ستبقى. " + unit.repeat(chars / unit.length());
    }

    private double bestSeconds(String page) {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long t = System.nanoTime();
            segmenter.segment(page);
            best = Math.min(best, (System.nanoTime() - t) / 1e9);
        }
        return best;
    }

    @Test
    void linesSplitAsTheLineBreakRegexDoes() {
        for (String t : RandomTexts.sample(11, "ab \r\n\u000B\f\u0085\u2028\u2029", 12, 20_000)) {
            assertArrayEquals(t.split("\\R"), SentenceSegmenter.lines(t), () -> RandomTexts.codes(t));
        }
    }
}

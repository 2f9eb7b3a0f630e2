package org.stance.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.stance.TestData;
import org.stance.TestModels;
import org.stance.io.TextFiles;

class StanceModelTest {

    private final StanceModel model = StanceModel.load(TestModels.small(), 4, 0.5, 1.0);

    @Test
    void probabilitiesAreDistributionsSortedByProbability() {
        List<SentenceScore> scores = model.scoreSentences(List.of("طالب البرلمان العراقي بانسحاب القوات الأجنبية من البلاد."), "");
        SentenceScore s = scores.get(0);
        assertNull(s.skipped());
        assertEquals(4, s.stance().probabilities().size());
        assertEquals(6, s.topic().probabilities().size());
        assertEquals(1.0, s.stance().probabilities().values().stream().mapToDouble(Double::doubleValue).sum(), 1e-3);
        List<Double> p = List.copyOf(s.stance().probabilities().values());
        for (int i = 1; i < p.size(); i++) {
            assertTrue(p.get(i - 1) >= p.get(i));
        }
        assertEquals(s.stance().label(), s.stance().probabilities().keySet().iterator().next());
    }

    /** Invisible characters inside words change nothing: a sentence scores as the same sentence without them, in both modes. */
    @Test
    void invisibleCharactersInsideWordsChangeNothing() {
        String plain = "واشنطن غير جادة في الانسحاب من العراق وما يجري مجرد إعادة تموضع لقواتها في أربيل.";
        SentenceScore expected = model.scoreSentences(List.of(plain), "").get(0);
        ArticleScore expectedArticle = model.scoreArticle("a", plain);
        for (String invisible : List.of("\u00AD", "\u200B", "\u2060", "\uFEFF", "\uFE0F", "\u200D", "\u202E", new String(Character.toChars(0xE0041)))) {
            String hidden = plain.replace("الانسحاب", "الان" + invisible + "سحاب").replace("تموضع", "تمو" + invisible + "ضع");
            SentenceScore got = model.scoreSentences(List.of(hidden), "").get(0);
            assertEquals(expected.stance(), got.stance(), invisible.codePoints().mapToObj(Integer::toHexString).toList().toString());
            assertEquals(expected.topic(), got.topic());
            assertEquals(expectedArticle.stance(), model.scoreArticle("a", hidden).stance());
        }
    }

    @Test
    void tatweelAloneIsNotText() {
        assertEquals("no Arabic letter", model.scoreSentences(List.of("ـــــــ"), "").get(0).skipped());
        org.junit.jupiter.api.Assertions.assertThrows(InvalidTextException.class, () -> model.scoreArticle("a", "ـــــ\nـــ"));
    }

    @Test
    void emptyAndNonArabicSentencesAreReportedNotScored() {
        List<SentenceScore> scores = model.scoreSentences(List.of("", "Read Previous", "القوات باقية في العراق."), "");
        assertEquals("empty", scores.get(0).skipped());
        assertEquals("no Arabic letter", scores.get(1).skipped());
        assertNull(scores.get(2).skipped());
        assertEquals(List.of(1, 2, 3), scores.stream().map(SentenceScore::id).toList());
    }

    @Test
    void articleVerdictIsADistributionWithEvidenceFromTheArticle() {
        ArticleScore a = model.scoreArticle("003", TextFiles.read(TestData.SEEDS.resolve("003_8b30ea1d89039507.txt")));
        assertEquals(13, a.sentences());
        assertEquals(1.0, a.stance().probabilities().values().stream().mapToDouble(Double::doubleValue).sum(), 1e-3);
        assertTrue(a.evidence().size() <= 3);
        a.evidence().forEach(e -> assertTrue(e.stance().probabilities().get(a.stance().label()) >= 0.5));
        assertEquals(13, a.topics().values().stream().mapToInt(Integer::intValue).sum());
    }

    @Test
    void concurrentCallersFromAnotherPoolGetTheSamePredictions() throws Exception {
        List<String> sentences = TestData.head("test", 200).stream().map(r -> r.text()).toList();
        List<SentenceScore> expected = model.scoreSentences(sentences, "");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<List<SentenceScore>>> futures = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                futures.add(pool.submit(() -> model.scoreSentences(sentences, "")));
            }
            for (Future<List<SentenceScore>> f : futures) {
                assertEquals(expected, f.get());
            }
        } finally {
            pool.shutdown();
        }
    }

    /**
     * An article's sentences are scored in their article (the article context block of the whole
     * article, even when it streams out in several batches), as evaluation scores a data set's rows;
     * a sentence scored alone is an article of one.
     */
    @Test
    void sentencesOfAnArticleAreScoredInTheirArticle() {
        StanceModel model = StanceModel.load(TestModels.small(), 1, 0.5, 1.0);
        StringBuilder round = new StringBuilder();
        try (var seeds = java.nio.file.Files.list(TestData.SEEDS)) {
            seeds.filter(p -> p.toString().endsWith(".txt")).sorted().forEach(f -> round.append(TextFiles.read(f)).append("\n\n"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        int perRound = model.scoreArticle("seeds", round.toString()).sentences();
        String text = round.toString().repeat(2 * model.streamingBatch() / perRound + 1); // streams out in three batches
        assertSameAsScoringTheRowsInOneArticle(model, round.toString()); // one batch: the sentence vectors kept
        assertSameAsScoringTheRowsInOneArticle(model, text); // three batches: featurized again
    }

    private static void assertSameAsScoringTheRowsInOneArticle(StanceModel model, String text) {
        List<SentenceScore> streamed = new ArrayList<>();
        model.scoreArticle("long", "", text, "", streamed::add);
        List<org.stance.data.LabeledSentence> rows = new ArrayList<>();
        for (SentenceScore s : streamed) {
            rows.add(new org.stance.data.LabeledSentence("long", String.valueOf(s.id()), "", "", "", "", s.text(), s.id()));
        }
        org.stance.model.Classifier classifier = org.stance.artifact.ModelCodec.load(TestModels.small()).classifier();
        float[][] inArticle = classifier.predictRows(rows).get("stance");
        List<SentenceScore> alone = model.scoreSentences(streamed.stream().map(SentenceScore::text).toList(), "");
        int differ = 0;
        for (int i = 0; i < streamed.size(); i++) {
            List<String> labels = classifier.labels().get("stance");
            for (int c = 0; c < labels.size(); c++) {
                assertEquals(inArticle[i][c], streamed.get(i).stance().probabilities().get(labels.get(c)), 6e-5, "sentence " + i); // records hold 4 decimals
            }
            differ += streamed.get(i).stance().probabilities().equals(alone.get(i).stance().probabilities()) ? 0 : 1;
        }
        assertEquals(streamed.size(), differ, "every sentence's scores depend on its article");
        List<SentenceScore> segmented = model.scoreArticleSentences(streamed.stream().map(SentenceScore::text).toList(), "");
        for (int i = 0; i < streamed.size(); i++) {
            assertEquals(streamed.get(i).stance(), segmented.get(i).stance(), "already segmented, sentence " + i);
        }
    }

    @Test
    void thresholdMarksLowConfidenceSentencesUncertain() {
        Path file = TestModels.small();
        StanceModel strict = StanceModel.load(file, 1, 0.999, 1.0);
        StanceModel lax = StanceModel.load(file, 1, 0.0, 1.0);
        String text = "وقال المتحدث إن المحادثات مستمرة.";
        assertTrue(strict.scoreSentences(List.of(text), "").get(0).uncertain());
        assertFalse(lax.scoreSentences(List.of(text), "").get(0).uncertain());
    }

    @Test
    void aggregatorNeedsAboutNeutralMassOfEvidence() {
        ArticleAggregator aggregator = new ArticleAggregator(1.0, List.of("neutral"));
        List<String> labels = List.of("neutral", "pro_withdrawal", "status_quo");
        ArticleAggregator.Accumulator weak = aggregator.start(labels);
        weak.add(sentence(1, 0.4f, 0.6f, 0f));
        weak.add(sentence(2, 1f, 0f, 0f));
        assertEquals("neutral", weak.verdict("a", "").stance().label());
        ArticleAggregator.Accumulator strong = aggregator.start(labels);
        strong.add(sentence(1, 0.1f, 0.9f, 0f));
        strong.add(sentence(2, 0.2f, 0.8f, 0f));
        strong.add(sentence(3, 0.3f, 0f, 0.7f));
        ArticleScore v = strong.verdict("a", "");
        assertEquals("pro_withdrawal", v.stance().label());
        assertEquals(List.of(1, 2), v.evidence().stream().map(SentenceScore::id).toList());
    }

    @Test
    void theApiRefusesWhatTheCliRefuses() {
        Path file = TestModels.small();
        StanceModel model = StanceModel.load(file, 1, 0.5, 0.5);
        for (String bad : new String[] {"", "   \n ", "only Latin text here.", "\u0000\u0001binary"}) {
            InvalidTextException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidTextException.class, () -> model.scoreArticle("a", bad));
            assertTrue(e.getMessage().contains("article 'a'"), e.getMessage());
        }
        assertEquals(InvalidTextException.Reason.EMPTY,
                org.junit.jupiter.api.Assertions.assertThrows(InvalidTextException.class, () -> model.scoreArticle("a", "")).reason());
        assertEquals(InvalidTextException.Reason.NO_ARABIC_TEXT,
                org.junit.jupiter.api.Assertions.assertThrows(InvalidTextException.class, () -> model.scoreArticle("a", "only Latin text here.")).reason());
        for (double[] bad : new double[][] {{1, 0.5, -1}, {1, Double.NaN, 0.5}, {0, 0.5, 0.5}, {1, 0.5, Double.POSITIVE_INFINITY}}) {
            org.junit.jupiter.api.Assertions.assertThrows(org.stance.InvalidSettingException.class,
                    () -> StanceModel.load(file, (int) bad[0], bad[1], bad[2]), java.util.Arrays.toString(bad));
        }
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> model.scoreSentences(List.of("نص"), "iraq"),
                "a target on a model without target input");
        assertEquals(List.of(), model.info().targets());
        assertEquals(org.stance.artifact.ModelManifest.FORMAT_VERSION, model.info().formatVersion());
    }

    @Test
    void theVerdictKeepsItsOwnEvidenceAmongManyStrongerSentencesOfAnotherPosition() {
        ArticleAggregator aggregator = new ArticleAggregator(0.5, List.of("neutral"));
        ArticleAggregator.Accumulator acc = aggregator.start(List.of("neutral", "pro_withdrawal", "status_quo"));
        for (int i = 1; i <= 100; i++) {
            acc.add(sentence(i, 0.1f, 0.6f + i * 0.001f, 0.3f - i * 0.001f)); // weak, many: pro_withdrawal mass ~65
        }
        for (int i = 101; i <= 140; i++) {
            acc.add(sentence(i, 0.005f, 0.005f, 0.99f)); // strong, fewer: status_quo mass ~65 - 40 less
        }
        ArticleScore v = acc.verdict("a", "");
        assertEquals("pro_withdrawal", v.stance().label());
        assertEquals(List.of(100, 99, 98), v.evidence().stream().map(SentenceScore::id).toList(), "the three most pro_withdrawal sentences");
    }

    private static SentenceScore sentence(int id, float neutral, float pro, float quo) {
        return new SentenceScore(id, "s" + id, LabelScores.of(List.of("neutral", "pro_withdrawal", "status_quo"), new float[] {neutral, pro, quo}),
                null, false, null);
    }
}

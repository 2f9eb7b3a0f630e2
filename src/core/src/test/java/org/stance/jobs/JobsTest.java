package org.stance.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stance.TestData;
import org.stance.api.ArticleAggregator;
import org.stance.api.LabelScores;
import org.stance.api.SentenceScore;
import org.stance.api.StanceModel;
import org.stance.artifact.ModelCodec;
import org.stance.curation.IraqPresence;
import org.stance.data.Dataset;
import org.stance.data.DatasetWriter;
import org.stance.data.LabeledSentence;
import org.stance.eval.Metrics;
import org.stance.features.NgramConfig;
import org.stance.model.TrainConfig;

/** The training jobs: cross-validation, and the article evaluation of a model that reads the target. */
class JobsTest {

    @TempDir
    static Path dir;
    static Path targetModel;
    static List<LabeledSentence> probe;

    @BeforeAll
    static void trainATargetInputModel() {
        Path train = dir.resolve("train.csv");
        Path dev = dir.resolve("dev.csv");
        DatasetWriter.write(train, TestData.head("train", 900));
        DatasetWriter.write(dev, TestData.head("dev", 200));
        TrainConfig config = TestData.quickConfig(List.of("stance")).toBuilder()
                .ngrams(new NgramConfig(2, 2, 4, true, 2, 20_000, true, false)).build();
        targetModel = dir.resolve("target.zip");
        new TrainingJob(s -> { }).run(new TrainRequest(train, dev, null, targetModel, config, IraqPresence.knownLabels()));
        probe = TestData.head("test", 300);
    }

    @Test
    void articleEvaluationScoresEverySentenceWithItsOwnTarget() {
        ModelCodec.Loaded loaded = ModelCodec.load(targetModel);
        ArticleAggregator aggregator = new ArticleAggregator(0.5, loaded.manifest().noPositionLabels());
        Metrics metrics = ArticleEvaluation.evaluate(loaded.classifier(), probe, aggregator);

        // The same verdicts computed through the service API, each sentence with its row's target.
        StanceModel model = StanceModel.load(targetModel, 1, 0.0, 0.5);
        List<String> labels = model.info().labels().get("stance");
        Map<String, List<LabeledSentence>> articles = new LinkedHashMap<>();
        probe.forEach(r -> articles.computeIfAbsent(r.articleId(), k -> new ArrayList<>()).add(r));
        int agree = 0;
        int n = 0;
        for (List<LabeledSentence> sentences : articles.values()) {
            String gold = ArticleEvaluation.goldStance(sentences, aggregator);
            ArticleAggregator.Accumulator acc = aggregator.start(labels);
            model.scoreSentences(sentences.stream().map(LabeledSentence::text).toList(), sentences.stream().map(LabeledSentence::target).toList())
                    .forEach(acc::add);
            agree += acc.verdict("", "").stance().label().equals(gold) ? 1 : 0;
            n++;
        }
        assertEquals(n, metrics.n());
        assertEquals((double) agree / n, metrics.accuracy(), 1e-12);

        // A target model needs its targets: an empty or unknown one is refused, not silently scored.
        assertThrows(IllegalArgumentException.class, () -> model.scoreSentences(List.of(probe.get(0).text()), ""));
        String msg = assertThrows(IllegalArgumentException.class, () -> model.scoreSentences(List.of(probe.get(0).text()), "mars")).getMessage();
        assertTrue(msg.contains("iraq") && msg.contains("syria"), msg);
    }

    @Test
    void goldArticleStanceIsTheMajorityPositionOrNeutral() {
        ArticleAggregator aggregator = new ArticleAggregator(0.5, List.of("neutral"));
        List<LabeledSentence> mixed = List.of(row("neutral"), row("status_quo"), row("pro_withdrawal"), row("pro_withdrawal"));
        assertEquals("pro_withdrawal", ArticleEvaluation.goldStance(mixed, aggregator));
        List<LabeledSentence> tie = List.of(row("status_quo"), row("pro_withdrawal"));
        assertEquals("status_quo", ArticleEvaluation.goldStance(tie, aggregator), "a tie goes to the position met first");
        assertEquals("neutral", ArticleEvaluation.goldStance(List.of(row("neutral"), row("neutral")), aggregator));
        assertEquals(null, ArticleEvaluation.goldStance(List.of(row("")), aggregator));
    }

    @Test
    void crossValidationScoresRealSentencesOnlyAndTrainsOnAuthoredOnesInEveryFold() {
        List<LabeledSentence> rows = new ArrayList<>();
        List<String> articles = TestData.head("train", 500).stream().map(LabeledSentence::articleId).distinct().toList();
        for (LabeledSentence r : TestData.head("train", 500)) {
            rows.add(articles.indexOf(r.articleId()) % 2 == 0 ? r
                    : new LabeledSentence(r.articleId(), r.sentenceId(), "authored:https://example.org/p", r.target(), r.stance(), r.topic(), r.text(), r.line()));
        }
        long real = rows.stream().filter(r -> !r.authored()).count();
        CrossValidation.Result result = new CrossValidation(p -> { }).run(new Dataset("mixed", rows, ""), TestData.quickConfig(List.of("stance")), 3);
        assertEquals(real, result.pooled().get("stance").n(), "only real sentences are scored");
        assertEquals(real, result.perFold().get("stance").stream().mapToInt(Metrics::n).sum());
        assertTrue(rows.stream().filter(LabeledSentence::authored).allMatch(r -> result.articleFolds().get(r.groupKey()) == org.stance.data.GroupSplitter.ALWAYS_TRAIN));
    }

    @Test
    void crossValidationScoresEverySentenceOnceByAModelThatNeverSawItsArticle() {
        List<LabeledSentence> rows = TestData.head("train", 700);
        Dataset data = new Dataset("slice", rows, "");
        TrainConfig config = TestData.quickConfig(List.of("stance", "topic"));
        List<String> progress = new ArrayList<>();
        CrossValidation.Result result = new CrossValidation(progress::add).run(data, config, 3);
        assertEquals(3, result.folds());
        assertEquals(3, result.perFold().get("stance").size());
        assertEquals(rows.size(), result.pooled().get("stance").n(), "every sentence scored exactly once");
        assertEquals(rows.size(), result.perFold().get("topic").stream().mapToInt(Metrics::n).sum());
        assertEquals(3, progress.stream().filter(p -> p.startsWith("fold ")).count());
        CrossValidation.Result again = new CrossValidation(p -> { }).run(data, config, 3);
        assertEquals(result.pooled(), again.pooled(), "same seed, same folds, same figures");
        CrossValidation.Result otherSeed = new CrossValidation(p -> { }).run(data, config.toBuilder().seed(8).build(), 3);
        assertNotEquals(result.pooled().get("stance").macroF1(), otherSeed.pooled().get("stance").macroF1());
        double[] ms = CrossValidation.meanStd(List.of(1.0, 2.0, 3.0));
        assertArrayEquals(new double[] {2.0, 1.0}, ms, 1e-12);
    }

    private static LabeledSentence row(String stance) {
        return new LabeledSentence("a", "1", "s", "iraq", stance, "other", "نص", 2);
    }
}
